/** The page frame: skip link, navigation, demo banner, logout form (with CSRF), assets. */
import type { Child } from 'hono/jsx';
import { assetPath } from './assets.js';

export interface PageContext {
  path: string;
  demo: boolean;
  csrf: string;
  admin: boolean;
}

const nav: [string, string][] = [
  ['/', 'Overview'],
  ['/breakdown', 'Breakdown'],
  ['/incidents', 'Incidents'],
  ['/posts', 'Posts'],
  ['/alerts', 'Alerts'],
  ['/sources', 'Sources'],
  ['/settings', 'Settings'],
];

export function Layout(props: { ctx: PageContext; title: string; children?: Child; charts?: boolean }) {
  const { ctx } = props;
  const current = (href: string) => (href === '/' ? ctx.path === '/' : ctx.path.startsWith(href));
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Barometer${ctx.demo ? ' (demo)' : ''}`}</title>
        <link rel="stylesheet" href={assetPath('uplot.css')} />
        <link rel="stylesheet" href={assetPath('dashboard.css')} />
        <link rel="icon" href="data:," />
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <span class="brand">Barometer</span>
          <nav aria-label="Main">
            {nav
              .filter(([href]) => href !== '/settings' || ctx.admin)
              .map(([href, label]) => (
                <a href={href} aria-current={current(href) ? 'page' : undefined}>
                  {label}
                </a>
              ))}
          </nav>
          <form method="post" action="/logout">
            <input type="hidden" name="_csrf" value={ctx.csrf} />
            <button type="submit">Log out</button>
          </form>
        </header>
        {ctx.demo && (
          <div class="demo-banner" role="note" data-testid="demo-banner">
            <strong>Demo data.</strong> Everything here is generated, modelled on the Office 365 outages of November 2013 — not real customers.
          </div>
        )}
        <main id="main" tabindex={-1}>
          <h1>{props.title}</h1>
          {props.children}
        </main>
        {props.charts && <script src={assetPath('uplot.js')} defer></script>}
        <script src={assetPath('dashboard.js')} defer></script>
      </body>
    </html>
  );
}

export function Empty(props: { children?: Child }) {
  return <div class="empty" role="status">{props.children}</div>;
}
