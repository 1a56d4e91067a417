/** Sources health: last success, last error, failures in a row, breaker state. */
import type { Context } from 'hono';
import { listSources } from '../../../db/queries/sources.js';
import type { AppEnv } from '../../app.js';
import { Empty, Layout, type PageContext } from '../layout.js';
import { when } from '../period.js';

export async function sourcesPage(c: Context<AppEnv>, ctx: PageContext) {
  const deps = c.get('deps');
  const rows = await listSources(deps.db);
  const now = deps.clock.now();
  return c.html(
    <Layout ctx={ctx} title="Sources">
      {rows.length === 0 ? (
        <Empty>
          No sources yet: add one with <code>barometer sources add --kind rss --name blog --url https://…</code>, list them in{' '}
          <code>barometer.config.json</code>, or start without a config to run the demo.
        </Empty>
      ) : (
        <div class="card scroll">
          <table>
            <thead><tr><th>Source</th><th>Kind</th><th>Health</th><th>Last success</th><th>Last error</th><th class="num">Failures in a row</th><th>Breaker</th></tr></thead>
            <tbody>
              {rows.map((s) => {
                const open = s.breakerOpenUntil !== null && s.breakerOpenUntil > now;
                const health = !s.enabled ? ['disabled', ''] : open ? ['unhealthy', 'bad'] : s.consecutiveFailures > 0 ? ['failing', 'warn'] : s.lastSuccessAt ? ['healthy', 'good'] : ['not pulled yet', ''];
                return (
                  <tr>
                    <td>
                      {s.name} {s.official && <span class="tag">status page</span>} {s.demo && <span class="tag warn">demo</span>}
                      <div class="muted">{s.url ?? ''}</div>
                    </td>
                    <td>{s.kind}</td>
                    <td><span class={`tag ${health[1]}`}>{health[0]}</span></td>
                    <td>{when(s.lastSuccessAt)}</td>
                    <td>{s.lastError ? <><span>{s.lastError}</span><div class="muted">{when(s.lastErrorAt)}</div></> : '—'}</td>
                    <td class="num">{s.consecutiveFailures}</td>
                    <td>{open ? `open until ${when(s.breakerOpenUntil)}` : 'closed'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Layout>,
  );
}
