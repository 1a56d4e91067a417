/** The digest as plain text (the text/plain part and `barometer digest preview --format text`). */
import { diffChange, money, termLabel, pctChange, pointChange, type Change, type DigestModel } from './content.js';
import { localParts } from './time.js';

const hhmm = (ms: number, tz: string) => {
  const p = localParts(ms, tz);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
};

const ch = (c: Change, fmt: (n: number) => string = String, how: (c: Change) => string = pctChange) => `${fmt(c.now)} (${how(c)} vs ${fmt(c.before)} last week)`;

export function renderText(m: DigestModel): string {
  const out: string[] = [];
  out.push(`${m.provider} daily digest${m.demo ? ' (DEMO DATA)' : ''}: ${m.dateLabel} (${m.timeZone})`, '', m.summary, '');
  if (!m.quiet) {
    out.push('INCIDENTS');
    for (const i of m.incidents) {
      out.push(`* ${i.product}${i.regions.length ? ` (${i.regions.join(', ')})` : ''}, from ${i.startedAt}, ${i.state}, ${i.updates} update${i.updates === 1 ? '' : 's'}`);
      out.push(`  Time to first update: ${i.ttfuMin !== null ? `${i.ttfuMin} min` : `none yet (${i.waitingMin ?? 0} min waiting)`}`);
      out.push(`  Longest silence: ${i.longestSilenceMin !== null ? `${i.longestSilenceMin} min` : '-'}`);
      out.push(`  Posts complaining about comms: ${i.commsShare !== null ? `${Math.round(i.commsShare * 100)}%` : '-'}`);
      out.push(`  Est. cost of silence: ${i.silenceCost !== null ? money(i.silenceCost, i.currency) : 'not computed yet'}`);
      const terms = i.costTerms.filter((t) => t.amount >= 0.5).map((t) => `${termLabel(t.name)} ${money(t.amount, i.currency)}`);
      if (terms.length) out.push(`    = ${terms.join(' + ')}`);
      out.push(`  Details: ${i.link}`);
    }
    out.push('');
  }
  out.push('VS SAME DAY LAST WEEK');
  out.push(`  Posts: ${ch(m.trend.posts)}`);
  out.push(`  Outage posts: ${ch(m.trend.outagePosts)}`);
  out.push(`  Negative share: ${ch(m.trend.negativeShare, (n) => `${(Math.round(n * 1000) / 10).toFixed(1)}%`, pointChange)}`);
  out.push(`  Mean sentiment: ${ch(m.trend.sentimentMean, (n) => n.toFixed(2), diffChange)}`);
  out.push(`  Comms complaints: ${ch(m.trend.commsComplaints)}`);
  out.push('');
  const movers = (label: string, ms: DigestModel['movers']['products']) =>
    out.push(`  ${label}: ${ms.length ? ms.map((x) => `${x.label} +${x.delta} (${x.negative.before}->${x.negative.now})`).join('; ') : 'no rise'}`);
  out.push('BIGGEST RISE IN NEGATIVE POSTS');
  movers('Products', m.movers.products);
  movers('Regions', m.movers.regions);
  out.push('');
  if (m.quotes.length) {
    out.push('WHAT CUSTOMERS SAID');
    for (const q of m.quotes) out.push(`  "${q.text}"`, `    - ${q.source}, ${hhmm(q.publishedAt, m.timeZone)}`);
    out.push('');
  }
  out.push('WEEK TO DATE');
  out.push(`  ${m.week.incidents} incident${m.week.incidents === 1 ? '' : 's'}, est. ${money(m.week.silenceCost, m.headline.currency)} silence cost; outage posts ${ch(m.week.outagePosts)}`);
  out.push('');
  out.push(`Dashboard: ${m.links.overview}`, `Incidents: ${m.links.incidents}`, `Breakdown: ${m.links.breakdown}`, `Negative posts: ${m.links.posts}`);
  out.push('', 'Cost of silence is modelled from public posts during silent stretches; every term and input is on the incident page.');
  return out.join('\n') + '\n';
}
