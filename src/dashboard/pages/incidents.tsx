/**
 * Incidents list and one incident's timeline: outage signals per bucket (each bar links to its
 * posts), official updates as markers, silent stretches shaded, comms-complaint share, sentiment
 * before/after each update, and the modelled cost of silence with every input.
 */
import type { Context } from 'hono';
import { getIncident, listIncidents } from '../../../db/queries/incidents.js';
import { searchPosts } from '../../../db/queries/search.js';
import { loadOfficialIncidents, topOutagePosts } from '../../../db/queries/signals.js';
import { trendSeries } from '../../../db/queries/trends.js';
import type { CommsMetrics, ModelledCost } from '../../../analysis/signals/index.js';
import { ALL, DAY_MS, iso } from '../../api/common.js';
import { silences } from '../../api/incidents.js';
import { grainSeconds } from '../../api/trends.js';
import type { AppEnv } from '../../app.js';
import { Chart, PostItem, share } from '../components.js';
import { Empty, Layout, type PageContext } from '../layout.js';
import { minutes, money, num, pct, qs, signed, when } from '../period.js';

type Metrics = { comms?: CommsMetrics; cost?: { incident: ModelledCost; silence: ModelledCost } };

export async function incidentsListPage(c: Context<AppEnv>, ctx: PageContext) {
  const deps = c.get('deps');
  const rows = await listIncidents(deps.db, { limit: 200 });
  const names = new Map(deps.config.products.map((p) => [p.id, p.name]));
  return c.html(
    <Layout ctx={ctx} title="Incidents">
      {rows.length === 0 ? (
        <Empty>No incidents yet. Incidents form when outage posts spike for a product; check that sources are pulling on <a href="/sources">Sources</a>.</Empty>
      ) : (
        <div class="card scroll">
          <table>
            <thead><tr><th>Product</th><th>First signal</th><th class="num">Time to acknowledge</th><th class="num">Longest silence</th><th class="num">Peak</th><th>State</th></tr></thead>
            <tbody>
              {rows.map((i) => {
                const m = (i.metrics ?? {}) as Metrics;
                return (
                  <tr>
                    <td><a href={`/incidents/${i.id}`}>{names.get(i.product) ?? i.product}</a> <span class="muted">{i.regions.join(', ')}</span></td>
                    <td>{when(i.firstSignalAt)}</td>
                    <td class="num">{i.acknowledgedAt ? minutes(i.acknowledgedAt - i.firstSignalAt) : 'not yet'}</td>
                    <td class="num">{minutes(m.comms?.longestSilenceMs)}</td>
                    <td class="num">{i.peakCount}</td>
                    <td><span class={`tag ${i.state === 'open' ? 'bad' : 'good'}`}>{i.state}</span></td>
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

function CostTable(props: { cost: ModelledCost; caption: string }) {
  const { cost } = props;
  return (
    <div class="scroll">
      <table>
        <caption class="muted">{props.caption}</caption>
        <thead><tr><th>Term</th><th>Formula</th><th>Inputs</th><th class="num">Amount</th></tr></thead>
        <tbody>
          {cost.terms.map((t) => (
            <tr>
              <td>{t.name}</td>
              <td><code>{t.formula}</code></td>
              <td>{Object.entries(t.inputs).map(([k, v]) => <span class="tag">{k} = {Number.isInteger(v) ? num(v) : v.toFixed(3)}</span>)}</td>
              <td class="num">{money(t.amount, cost.currency)}</td>
            </tr>
          ))}
          <tr><th colspan={3}>Total</th><th class="num">{money(cost.total, cost.currency)}</th></tr>
        </tbody>
      </table>
    </div>
  );
}

export async function incidentPage(c: Context<AppEnv>, ctx: PageContext) {
  const deps = c.get('deps');
  const id = Number(c.req.param('id'));
  const incident = Number.isSafeInteger(id) && id > 0 ? await getIncident(deps.db, id) : null;
  if (!incident) {
    return c.html(<Layout ctx={ctx} title="Incident not found"><Empty>No incident {String(c.req.param('id'))}. See <a href="/incidents">all incidents</a>.</Empty></Layout>, 404);
  }
  const names = new Map(deps.config.products.map((p) => [p.id, p.name]));
  const end = incident.resolvedAt ?? deps.clock.now();
  const long = end - incident.firstSignalAt > 3 * DAY_MS;
  const bucketMs = long ? 3_600_000 : 300_000;
  const from = Math.floor((incident.firstSignalAt - 3_600_000) / bucketMs) * bucketMs;
  const to = Math.min(Math.ceil((end + 3_600_000) / bucketMs) * bucketMs, from + 60 * DAY_MS);
  const [series, official, topIds] = await Promise.all([
    trendSeries(deps.db, { product: incident.product, region: ALL, from, to, bucketMs, grainSeconds: grainSeconds() }),
    incident.officialIncidentRefs.length ? loadOfficialIncidents(deps.db, { from: from - 7 * DAY_MS, to }) : Promise.resolve([]),
    topOutagePosts(deps.db, { product: incident.product, region: ALL, from: incident.firstSignalAt, to: end + 1, limit: 10 }),
  ]);
  const refs = new Set(incident.officialIncidentRefs);
  const updates = official.filter((u) => refs.has(u.incidentRef)).sort((a, b) => a.postedAt - b.postedAt);
  const gaps = silences(incident.firstSignalAt, end, updates.map((u) => u.postedAt), incident.resolvedAt !== null);
  const top = topIds.length ? await searchPosts(deps.db, { ids: topIds, limit: topIds.length }) : [];
  const order = new Map(topIds.map((pid, i) => [pid, i]));
  top.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const m = (incident.metrics ?? {}) as Metrics;
  const comms = m.comms;

  const byStart = new Map(series.map((p) => [p.bucketStart, p]));
  const x: number[] = [], outage: number[] = [], commsShare: (number | null)[] = [], links: string[] = [];
  for (let t = from; t < to; t += bucketMs) {
    const p = byStart.get(t);
    x.push(t / 1000);
    outage.push(p?.outagePosts ?? 0);
    commsShare.push(p && p.posts ? Math.round((p.commsComplaints / p.posts) * 1000) / 10 : null);
    links.push(`/posts${qs({ product: incident.product, from: iso(t), until: iso(t + bucketMs) })}`);
  }
  const title = `${names.get(incident.product) ?? incident.product} — ${when(incident.firstSignalAt)}`;
  const statusLabel = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const effects = new Map((comms?.perUpdate ?? []).map((e) => [e.postedAt, e]));
  const peaks = x.map((t, i) => ({ t, n: outage[i]!, link: links[i]! })).filter((b) => b.n > 0).sort((a, b) => b.n - a.n).slice(0, 8).sort((a, b) => a.t - b.t);

  return c.html(
    <Layout ctx={ctx} title={`Incident: ${title}`} charts>
      <section class="kpis" aria-label="Incident figures">
        <div class="kpi"><div class="label">State</div><div class="value">{incident.state}</div></div>
        <div class="kpi"><div class="label">Time to acknowledge</div><div class="value">{incident.acknowledgedAt ? minutes(incident.acknowledgedAt - incident.firstSignalAt) : 'not yet'}</div><span class="delta">first customer post → first official word</span></div>
        <div class="kpi"><div class="label">Longest silence</div><div class="value">{minutes(comms?.longestSilenceMs ?? null)}</div></div>
        <div class="kpi"><div class="label">Official updates</div><div class="value">{updates.length}</div></div>
        <div class="kpi"><div class="label">Comms-complaint share</div><div class="value">{pct(comms?.overall.commsComplaintShare)}</div><span class="delta">during silence {pct(comms?.postsDuringSilence.commsComplaintShare)}</span></div>
        <div class="kpi"><div class="label">Cost of silence (modelled)</div><div class="value">{money(m.cost?.silence.total, m.cost?.silence.currency)}</div></div>
      </section>
      <Chart
        label={`Outage posts per ${long ? 'hour' : '5 minutes'} (bars; click one for its posts), comms-complaint share in % (line), official updates (dashed lines), silence — more than 30 min since the last official word (shaded)`}
        spec={{
          x,
          series: [
            { label: 'outage posts', values: outage, color: '#a3261b', bars: true },
            { label: 'comms complaints %', values: commsShare, color: '#7a5200', scale: '%' },
          ],
          markers: updates.map((u) => ({ t: u.postedAt / 1000, label: statusLabel(u.status) })),
          // Shade what customers experienced as silence: time not within 30 min after an official
          // word (comms metrics); before metrics exist, the stretches between updates.
          shades: comms?.silentStretches.length
            ? comms.silentStretches.map((g) => ({ from: g.from / 1000, to: g.to / 1000 }))
            : gaps.map((g) => ({ from: Date.parse(g.from) / 1000, to: Date.parse(g.to) / 1000 })),
          links,
          height: 300,
        }}
      />
      <div class="grid2">
        <section class="card" aria-labelledby="tl">
          <h2 id="tl">Timeline</h2>
          <ol class="timeline-list">
            <li>First customer outage post: {when(incident.firstSignalAt)}</li>
            {incident.detectedAt && <li>Spike detected: {when(incident.detectedAt)}</li>}
            {[...gaps.map((g) => ({ at: Date.parse(g.from), gap: g })), ...updates.map((u) => ({ at: u.postedAt, update: u }))]
              .sort((a, b) => a.at - b.at || ('gap' in a ? 1 : -1))
              .map((e) =>
                'gap' in e && e.gap ? (
                  <li class="silence-gap" data-testid="silence-gap">
                    Silence: <strong>{minutes(e.gap.minutes * 60_000)}</strong> without an official word ({when(Date.parse(e.gap.from))} → {when(Date.parse(e.gap.to))})
                  </li>
                ) : 'update' in e && e.update ? (
                  <li class="update-marker" data-testid="update-marker">
                    <strong>{statusLabel(e.update.status)}</strong> — official update at {when(e.update.postedAt)}
                    <div class="muted">{e.update.body.length > 300 ? e.update.body.slice(0, 300) + '…' : e.update.body}</div>
                    {(() => {
                      const eff = effects.get(e.update.postedAt);
                      return eff ? (
                        <div>
                          Sentiment 30 min before → after: {signed(eff.before.meanSentiment)} → {signed(eff.after.meanSentiment)}; negative share {pct(eff.before.negativeShare)} → {pct(eff.after.negativeShare)}
                        </div>
                      ) : null;
                    })()}
                  </li>
                ) : null,
              )}
            {incident.resolvedAt && <li>Resolved: {when(incident.resolvedAt)}</li>}
          </ol>
        </section>
        <section class="card" aria-labelledby="bars">
          <h2 id="bars">Posts behind the bars</h2>
          {peaks.length === 0 ? <p class="muted">No outage posts in this window.</p> : (
            <div class="scroll"><table>
              <thead><tr><th>Bucket (UTC)</th><th class="num">Outage posts</th><th></th></tr></thead>
              <tbody>
                {peaks.map((b) => (
                  <tr><td>{when(b.t * 1000)}</td><td class="num">{b.n}</td><td><a href={b.link}>posts</a></td></tr>
                ))}
              </tbody>
            </table></div>
          )}
          <p class="muted">The {peaks.length} busiest buckets; click any bar in the chart for its posts.</p>
        </section>
      </div>
      <section class="card" aria-labelledby="cost">
        <h2 id="cost">Cost of silence — modelled, with its inputs</h2>
        {m.cost ? (
          <>
            <CostTable cost={m.cost.silence} caption="Counting only posts during silent stretches" />
            <CostTable cost={m.cost.incident} caption="Whole incident, for comparison" />
            <p class="muted">Inputs come from the configured cost model (barometer.config.json → cost) and the posts counted above; see docs/metrics.md.</p>
          </>
        ) : (
          <p class="muted">Not computed yet: metrics are computed when signals are next evaluated.</p>
        )}
        {comms && (
          <p>
            Posts during silence: {num(comms.postsDuringSilence.posts)} ({pct(comms.postsDuringSilence.negativeShare)} negative, mean sentiment {signed(comms.postsDuringSilence.meanSentiment)}); after updates:{' '}
            {num(comms.postsDuringCover.posts)} ({pct(comms.postsDuringCover.negativeShare)} negative, mean {signed(comms.postsDuringCover.meanSentiment)}).
            Share of complaints about communication overall: {pct(share(comms.overall.commsComplaints, comms.overall.posts))}.
          </p>
        )}
      </section>
      <section class="card" aria-labelledby="top">
        <h2 id="top">Top outage posts</h2>
        {top.length === 0 ? <p class="muted">None.</p> : top.map((p) => <PostItem post={p} />)}
        <p><a href={`/posts${qs({ product: incident.product, outage: 'on', from: iso(incident.firstSignalAt), until: iso(end) })}`}>All outage posts of this incident</a></p>
      </section>
    </Layout>,
  );
}
