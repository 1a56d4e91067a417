/** Overview: KPIs vs the previous period, the sentiment/outage trend, top products and regions. */
import type { Context } from 'hono';
import { breakdown } from '../../../db/queries/breakdown.js';
import { listIncidents } from '../../../db/queries/incidents.js';
import { trendSeries, type TrendPoint } from '../../../db/queries/trends.js';
import { ALL, REGIONS } from '../../api/common.js';
import { grainSeconds } from '../../api/trends.js';
import type { AppEnv } from '../../app.js';
import { Chart, Kpi, PeriodFilter, share } from '../components.js';
import { Empty, Layout, type PageContext } from '../layout.js';
import { DAY, median, minutes, money, num, pct, qs, resolvePeriod, signed, when } from '../period.js';

type Metrics = { cost?: { silence?: { total?: number; currency?: string } } };

function totals(points: TrendPoint[]) {
  let posts = 0, outage = 0, sent = 0;
  for (const p of points) {
    posts += p.posts;
    outage += p.outagePosts;
    sent += p.sentimentSum;
  }
  return { posts, outage, outageShare: share(outage, posts), meanSentiment: posts ? sent / posts : null };
}

export async function overviewPage(c: Context<AppEnv>, ctx: PageContext) {
  const deps = c.get('deps');
  const db = deps.db;
  const period = await resolvePeriod(db, c.req.query(), deps.clock.now());
  const days = (period.to - period.from) / DAY;
  const bucketMs = days <= 7 ? 3_600_000 : DAY;
  const grain = grainSeconds();
  const products = deps.config.products.map((p) => p.id);
  const [series, incidents, open, byProduct, byRegion] = await Promise.all([
    trendSeries(db, { product: ALL, region: ALL, from: period.prevFrom, to: period.to, bucketMs, grainSeconds: grain }),
    listIncidents(db, { from: period.prevFrom, to: period.to, limit: 500 }),
    listIncidents(db, { state: 'open', limit: 500 }),
    breakdown(db, { by: 'product', fixed: ALL, keys: products, from: period.from, to: period.to, grainSeconds: grain }),
    breakdown(db, { by: 'region', fixed: ALL, keys: [...REGIONS], from: period.from, to: period.to, grainSeconds: grain }),
  ]);
  const cur = totals(series.filter((p) => p.bucketStart >= period.from));
  const prev = totals(series.filter((p) => p.bucketStart < period.from));
  const inCur = incidents.filter((i) => i.firstSignalAt >= period.from);
  const inPrev = incidents.filter((i) => i.firstSignalAt < period.from);
  const tta = (list: typeof incidents) => median(list.filter((i) => i.acknowledgedAt !== null).map((i) => i.acknowledgedAt! - i.firstSignalAt));
  const cost = (list: typeof incidents) =>
    list.length ? list.reduce((s, i) => s + ((i.metrics as Metrics | null)?.cost?.silence?.total ?? 0), 0) : null;
  const currency = deps.config.cost.currency;
  const ttaCur = tta(inCur), ttaPrev = tta(inPrev);
  const costCur = cost(inCur), costPrev = cost(inPrev);

  const byStart = new Map(series.map((p) => [p.bucketStart, p]));
  const x: number[] = [], outage: number[] = [], sentiment: (number | null)[] = [];
  for (let t = Math.floor(period.from / bucketMs) * bucketMs; t < period.to; t += bucketMs) {
    const p = byStart.get(t);
    x.push(t / 1000);
    outage.push(p?.outagePosts ?? 0);
    sentiment.push(p && p.posts ? Math.round((p.sentimentSum / p.posts) * 1000) / 1000 : null);
  }
  const link = (extra: Record<string, string>) => qs({ period: period.key, to: period.toParam, ...extra });
  const topProducts = byProduct.filter((r) => r.posts > 0).sort((a, b) => b.outagePosts - a.outagePosts || b.posts - a.posts).slice(0, 6);
  const topRegions = byRegion.filter((r) => r.posts > 0).sort((a, b) => b.outagePosts - a.outagePosts || b.posts - a.posts);
  const names = new Map(deps.config.products.map((p) => [p.id, p.name]));

  return c.html(
    <Layout ctx={ctx} title="Overview" charts>
      <PeriodFilter period={period} action="/" />
      <p class="muted">
        {new Date(period.from).toISOString().slice(0, 10)} – {new Date(period.to - 1).toISOString().slice(0, 10)} (UTC), compared with the {days} days before.
      </p>
      {cur.posts === 0 && open.length === 0 ? (
        <Empty>
          No posts in this period. Add a source with <code>barometer sources add</code> (or in <code>barometer.config.json</code>), push posts to{' '}
          <code>POST /api/v1/ingest</code>, or start without a config to run the demo.
        </Empty>
      ) : null}
      <section class="kpis" aria-label="Key figures">
        <Kpi id="posts" label="Posts" value={num(cur.posts)} now={cur.posts} prev={prev.posts} better="none" />
        <Kpi id="outage-share" label="Outage share" value={pct(cur.outageShare)} now={cur.outageShare} prev={prev.outageShare} better="down" fmt={(d) => `${d >= 0 ? '+' : ''}${(d * 100).toFixed(1)} pts`} />
        <Kpi id="sentiment" label="Mean sentiment (−1…1)" value={signed(cur.meanSentiment)} now={cur.meanSentiment} prev={prev.meanSentiment} better="up" fmt={(d) => signed(d)} />
        <Kpi id="incidents" label={`Open incidents (${inCur.length} started in period)`} value={String(open.length)} now={inCur.length} prev={inPrev.length} better="down" fmt={(d) => `${d >= 0 ? '+' : ''}${d} started`} />
        <Kpi id="tta" label="Median time to acknowledge" value={minutes(ttaCur)} now={ttaCur} prev={ttaPrev} better="down" fmt={(d) => `${d >= 0 ? '+' : '−'}${minutes(Math.abs(d))}`} />
        <Kpi id="cost" label="Cost of silence (modelled)" value={money(costCur, currency)} now={costCur} prev={costPrev} better="down" />
      </section>
      <Chart
        label={`Outage posts (bars) and mean sentiment (line) per ${bucketMs === DAY ? 'day' : 'hour'}`}
        spec={{
          x,
          series: [
            { label: 'outage posts', values: outage, color: '#a3261b', bars: true },
            { label: 'mean sentiment', values: sentiment, color: '#1f5fa8', scale: 'sent' },
          ],
        }}
      />
      <div class="grid2">
        <section class="card" aria-labelledby="top-products">
          <h2 id="top-products">Top products</h2>
          {topProducts.length === 0 ? <p class="muted">No product named in this period.</p> : (
            <div class="scroll"><table>
              <thead><tr><th>Product</th><th class="num">Posts</th><th class="num">Outage</th><th class="num">Negative</th></tr></thead>
              <tbody>
                {topProducts.map((r) => (
                  <tr>
                    <td><a href={`/breakdown${link({ by: 'region', product: r.key })}`}>{names.get(r.key) ?? r.key}</a></td>
                    <td class="num">{num(r.posts)}</td>
                    <td class="num">{num(r.outagePosts)}</td>
                    <td class="num">{pct(share(r.negative, r.posts))}</td>
                  </tr>
                ))}
              </tbody>
            </table></div>
          )}
        </section>
        <section class="card" aria-labelledby="top-regions">
          <h2 id="top-regions">Top regions</h2>
          {topRegions.length === 0 ? <p class="muted">No region in this period.</p> : (
            <div class="scroll"><table>
              <thead><tr><th>Region</th><th class="num">Posts</th><th class="num">Outage</th><th class="num">Negative</th></tr></thead>
              <tbody>
                {topRegions.map((r) => (
                  <tr>
                    <td><a href={`/breakdown${link({ by: 'product', region: r.key })}`}>{r.key}</a></td>
                    <td class="num">{num(r.posts)}</td>
                    <td class="num">{num(r.outagePosts)}</td>
                    <td class="num">{pct(share(r.negative, r.posts))}</td>
                  </tr>
                ))}
              </tbody>
            </table></div>
          )}
        </section>
      </div>
      <section class="card" aria-labelledby="recent-incidents">
        <h2 id="recent-incidents">Incidents in this period</h2>
        {inCur.length === 0 ? <p class="muted">No incident started in this period. <a href="/incidents">All incidents</a></p> : (
          <ul>
            {inCur.map((i) => (
              <li>
                <a href={`/incidents/${i.id}`}>{names.get(i.product) ?? i.product}</a> — first signal {when(i.firstSignalAt)},{' '}
                {i.acknowledgedAt ? `acknowledged after ${minutes(i.acknowledgedAt - i.firstSignalAt)}` : 'not acknowledged'} · {i.state}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>,
  );
}
