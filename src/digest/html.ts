/**
 * The digest as HTML for mail clients: one 600px table, inline CSS only, bars drawn with table cells
 * (no images, no external requests), every text people wrote escaped. Links go to the dashboard only.
 */
import { diffChange, money, termLabel, pctChange, pointChange, type Change, type DigestModel, type IncidentLine, type Mover } from './content.js';
import { localParts } from './time.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const e = escapeHtml;
const C = { ink: '#1f2933', muted: '#616e7c', line: '#e4e7eb', bad: '#c0392b', good: '#1e8449', bar: '#d9534f', soft: '#f5f7fa', link: '#1d4ed8' };
const font = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

const link = (href: string, text: string) => `<a href="${e(href)}" style="color:${C.link};text-decoration:underline">${e(text)}</a>`;

/** worseWhenUp null: neither direction is good or bad (e.g. how many posts). */
function change(c: Change, worseWhenUp: boolean | null, fmt: (n: number) => string = String, how: (c: Change) => string = pctChange): string {
  const label = how(c);
  const up = c.now > c.before;
  const color = c.now === c.before || worseWhenUp === null ? C.muted : up === worseWhenUp ? C.bad : C.good;
  return `${e(fmt(c.now))} <span style="color:${color};font-size:13px">${e(label)}</span>`;
}

function section(title: string, body: string): string {
  return `<tr><td style="padding:18px 20px 4px 20px"><h2 style="margin:0 0 8px 0;font-size:15px;color:${C.ink};${font}">${e(title)}</h2>${body}</td></tr>`;
}

function incidentCard(i: IncidentLine): string {
  const ttfu = i.ttfuMin !== null ? `${i.ttfuMin} min` : `none yet (${i.waitingMin ?? 0} min)`;
  const facts = [
    ['Time to first update', ttfu],
    ['Longest silence', i.longestSilenceMin !== null ? `${i.longestSilenceMin} min` : '—'],
    ['Posts complaining about comms', i.commsShare !== null ? `${Math.round(i.commsShare * 100)}%` : '—'],
    ['Est. cost of silence', i.silenceCost !== null ? money(i.silenceCost, i.currency) : 'not computed yet'],
  ];
  const terms = i.costTerms.filter((t) => t.amount >= 0.5).map((t) => `${termLabel(t.name)} ${money(t.amount, i.currency)}`).join(' · ');
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border:1px solid ${C.line};border-radius:6px;margin:0 0 10px 0">
<tr><td style="padding:10px 12px;${font};font-size:14px;color:${C.ink}">
<div style="font-weight:bold;font-size:15px">${e(i.product)}${i.regions.length ? ` <span style="color:${C.muted};font-weight:normal">(${e(i.regions.join(', '))})</span>` : ''} <span style="color:${C.muted};font-weight:normal;font-size:13px">from ${e(i.startedAt)}, ${e(i.state)}, ${i.updates} update${i.updates === 1 ? '' : 's'}</span></div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin-top:6px">
${facts.map(([k, v]) => `<tr><td style="${font};font-size:13px;color:${C.muted};padding:2px 0">${e(k as string)}</td><td align="right" style="${font};font-size:14px;color:${C.ink};font-weight:bold;padding:2px 0">${e(v as string)}</td></tr>`).join('\n')}
</table>
${terms ? `<div style="${font};font-size:12px;color:${C.muted};margin-top:4px">${e(terms)}</div>` : ''}
<div style="${font};font-size:13px;margin-top:6px">${link(i.link, 'Timeline, posts and cost inputs →')}</div>
</td></tr></table>`;
}

function hourlyBars(h: DigestModel['hourly']): string {
  const max = Math.max(1, ...h.map((x) => x.outagePosts));
  const cells = h
    .map((x) => {
      const px = x.outagePosts ? Math.max(2, Math.round((x.outagePosts / max) * 48)) : 0;
      return `<td valign="bottom" style="padding:0 1px;height:50px" title="${e(x.label)}:00 ${x.outagePosts}">${px ? `<div style="height:${px}px;background:${C.bar};font-size:0;line-height:0">&nbsp;</div>` : ''}</td>`;
    })
    .join('');
  const labels = h.map((x, i) => `<td style="${font};font-size:9px;color:${C.muted};text-align:center">${i % 6 === 0 ? e(x.label) : ''}</td>`).join('');
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="table-layout:fixed;border-bottom:1px solid ${C.line}"><tr>${cells}</tr></table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="table-layout:fixed"><tr>${labels}</tr></table>
<div style="${font};font-size:12px;color:${C.muted};margin-top:2px">Outage posts per hour (local time, peak ${max})</div>`;
}

function moverRows(ms: Mover[]): string {
  if (ms.length === 0) return `<div style="${font};font-size:13px;color:${C.muted}">No rise in negative posts vs last week.</div>`;
  const max = Math.max(...ms.map((m) => m.delta));
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0">${ms
    .map(
      (m) => `<tr><td style="${font};font-size:13px;color:${C.ink};padding:3px 0;width:40%">${e(m.label)}</td>
<td width="30%" style="padding:3px 6px;width:30%"><div style="background:${C.bar};height:10px;width:${Math.max(4, Math.round((m.delta / max) * 100))}%;font-size:0;line-height:0">&nbsp;</div></td>
<td align="right" style="${font};font-size:13px;color:${C.bad};white-space:nowrap;padding:3px 0">+${m.delta} <span style="color:${C.muted}">(${m.negative.before}→${m.negative.now})</span></td></tr>`,
    )
    .join('\n')}</table>`;
}

function hhmm(ms: number, tz: string): string {
  const p = localParts(ms, tz);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

export function renderHtml(m: DigestModel): string {
  const h = m.headline;
  const pct = (n: number) => `${(Math.round(n * 1000) / 10).toFixed(1)}%`;
  const sent = (n: number) => n.toFixed(2);
  const stats: [string, string][] = [
    ['Posts', change(m.trend.posts, null)],
    ['Outage posts', change(m.trend.outagePosts, true)],
    ['Negative share', change(m.trend.negativeShare, true, pct, pointChange)],
    ['Mean sentiment', change(m.trend.sentimentMean, false, sent, diffChange)],
    ['Comms complaints', change(m.trend.commsComplaints, true)],
  ];
  const big = (value: string, label: string) =>
    `<td align="center" style="padding:8px 4px;${font}"><div style="font-size:22px;font-weight:bold;color:${C.ink}">${e(value)}</div><div style="font-size:11px;color:${C.muted}">${e(label)}</div></td>`;
  const rows: string[] = [];
  rows.push(`<tr><td style="padding:16px 20px 0 20px;${font}">
<div style="font-size:12px;color:${C.muted};text-transform:uppercase;letter-spacing:.04em">${e(m.provider)} · daily digest${m.demo ? ' · DEMO DATA' : ''}</div>
<h1 style="margin:4px 0 0 0;font-size:19px;line-height:1.3;color:${C.ink}">${e(m.summary)}</h1>
<div style="font-size:13px;color:${C.muted};margin-top:4px">${e(m.dateLabel)} (${e(m.timeZone)})</div></td></tr>`);
  if (!m.quiet) {
    rows.push(`<tr><td style="padding:10px 14px 0 14px"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:${C.soft};border-radius:6px"><tr>
${big(String(h.incidents), h.incidents === 1 ? 'incident' : 'incidents')}
${big(h.ttfuMin !== null ? `${h.ttfuMin} min` : '—', h.incidents > 1 ? 'worst to 1st update' : 'to first update')}
${big(h.longestSilenceMin !== null ? `${h.longestSilenceMin} min` : '—', 'longest silence')}
${big(money(h.silenceCost, h.currency), 'est. silence cost')}
</tr></table></td></tr>`);
    rows.push(section('Incidents', m.incidents.map(incidentCard).join('\n')));
  }
  rows.push(
    section(
      'Compared with the same day last week',
      `<table role="presentation" width="100%" cellpadding="0" cellspacing="0">${stats
        .map(([k, v]) => `<tr><td style="${font};font-size:13px;color:${C.muted};padding:3px 0;border-bottom:1px solid ${C.line}">${e(k)}</td><td align="right" style="${font};font-size:14px;color:${C.ink};padding:3px 0;border-bottom:1px solid ${C.line}">${v}</td></tr>`)
        .join('\n')}</table><div style="margin-top:10px">${hourlyBars(m.hourly)}</div>`,
    ),
  );
  rows.push(section('Biggest rise in negative posts', `<div style="${font};font-size:12px;color:${C.muted};margin-bottom:2px">Products</div>${moverRows(m.movers.products)}<div style="${font};font-size:12px;color:${C.muted};margin:8px 0 2px 0">Regions</div>${moverRows(m.movers.regions)}`));
  if (m.quotes.length) {
    rows.push(
      section(
        'What customers said',
        m.quotes
          .map(
            (q) => `<div style="border-left:3px solid ${C.line};padding:2px 0 2px 10px;margin:0 0 10px 0;${font}">
<div style="font-size:14px;color:${C.ink};font-style:italic">“${e(q.text)}”</div>
<div style="font-size:12px;color:${C.muted};margin-top:2px">— ${e(q.source)}, ${e(hhmm(q.publishedAt, m.timeZone))}</div></div>`,
          )
          .join('\n'),
      ),
    );
  }
  rows.push(
    section(
      'Week to date',
      `<div style="${font};font-size:14px;color:${C.ink}">${m.week.incidents} incident${m.week.incidents === 1 ? '' : 's'}, est. ${e(money(m.week.silenceCost, h.currency))} silence cost; outage posts ${change(m.week.outagePosts, true)} vs last week.</div>`,
    ),
  );
  rows.push(`<tr><td style="padding:16px 20px 20px 20px;${font};font-size:13px;color:${C.muted};border-top:1px solid ${C.line}">
${link(m.links.overview, 'Dashboard')} · ${link(m.links.incidents, 'Incidents')} · ${link(m.links.breakdown, 'Breakdown')} · ${link(m.links.posts, 'Negative posts')}
<div style="margin-top:6px;font-size:11px">Cost of silence is modelled from public posts during silent stretches; every term and input is on the incident page. Quotes are public posts, shortened; we keep no author names.</div></td></tr>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(m.subject)}</title></head>
<body style="margin:0;padding:0;background:#eef1f5">
<div style="display:none;max-height:0;overflow:hidden">${e(m.summary)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#eef1f5"><tr><td align="center" style="padding:12px 6px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px">
${rows.join('\n')}
</table></td></tr></table></body></html>
`;
}
