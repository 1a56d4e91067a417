/** Breakdown by product or by region; every filter lives in the URL so a view can be shared. */
import type { Context } from 'hono';
import { breakdown } from '../../../db/queries/breakdown.js';
import { breakdownBySourceKind } from '../../../db/queries/dashboard.js';
import { ALL, REGIONS } from '../../api/common.js';
import { grainSeconds } from '../../api/trends.js';
import type { AppEnv } from '../../app.js';
import { sourceKinds } from '../../config-schema.js';
import { Chart, PeriodFilter, share } from '../components.js';
import { Empty, Layout, type PageContext } from '../layout.js';
import { num, pct, qs, resolvePeriod, signed } from '../period.js';

export async function breakdownPage(c: Context<AppEnv>, ctx: PageContext) {
  const deps = c.get('deps');
  const q = c.req.query();
  const period = await resolvePeriod(deps.db, q, deps.clock.now());
  const products = deps.config.products;
  const productIds = products.map((p) => p.id);
  const names = new Map(products.map((p) => [p.id, p.name]));
  const product = q.product && productIds.includes(q.product) ? q.product : '';
  const region = q.region && (REGIONS as readonly string[]).includes(q.region) ? q.region : '';
  const kind = q.kind && (sourceKinds as readonly string[]).includes(q.kind) ? q.kind : '';
  // Breaking down by the dimension already fixed would show one row: switch to the other one.
  let by: 'product' | 'region' = q.by === 'region' ? 'region' : 'product';
  if (by === 'product' && product && !region) by = 'region';
  if (by === 'region' && region && !product) by = 'product';
  const keys = by === 'product' ? (product ? [product] : productIds) : region ? [region] : [...REGIONS];
  const rows = kind
    ? await breakdownBySourceKind(deps.db, { by, kind, product: product || undefined, region: region || undefined, from: period.from, to: period.to })
    : await breakdown(deps.db, { by, fixed: by === 'product' ? region || ALL : product || ALL, keys, from: period.from, to: period.to, grainSeconds: grainSeconds() });
  const shown = rows.filter((r) => keys.includes(r.key) && r.posts > 0).sort((a, b) => b.posts - a.posts);
  const label = (k: string) => (by === 'product' ? (names.get(k) ?? k) : k);
  const filters = { period: period.key, to: period.toParam, product, region, kind };

  return c.html(
    <Layout ctx={ctx} title="Breakdown" charts>
      <PeriodFilter
        period={period}
        action="/breakdown"
        extra={
          <>
            <label>
              By
              <select name="by" data-autosubmit>
                <option value="product" selected={by === 'product'}>product</option>
                <option value="region" selected={by === 'region'}>region</option>
              </select>
            </label>
            <label>
              Product
              <select name="product" data-autosubmit>
                <option value="">all products</option>
                {products.map((p) => <option value={p.id} selected={p.id === product}>{p.name}</option>)}
              </select>
            </label>
            <label>
              Region
              <select name="region" data-autosubmit>
                <option value="">all regions</option>
                {REGIONS.map((r) => <option value={r} selected={r === region}>{r}</option>)}
              </select>
            </label>
            <label>
              Source kind
              <select name="kind" data-autosubmit>
                <option value="">all kinds</option>
                {sourceKinds.map((k) => <option value={k} selected={k === kind}>{k}</option>)}
              </select>
            </label>
          </>
        }
      />
      <p class="muted">
        Posts by {by} {product && by === 'region' ? `about ${label(product)} ` : ''}
        {region && by === 'product' ? `in ${region} ` : ''}
        {kind ? `from ${kind} sources ` : ''}
        between {new Date(period.from).toISOString().slice(0, 10)} and {new Date(period.to - 1).toISOString().slice(0, 10)} (UTC).
        {by === 'region' ? ' A post naming two regions counts in both; one naming none counts in “unknown”.' : ''}
      </p>
      {shown.length === 0 ? (
        <Empty>
          Nothing matches these filters. Widen the period, clear a filter (<a href="/breakdown">reset</a>), or check <a href="/sources">Sources</a> for
          sources that have stopped pulling.
        </Empty>
      ) : (
        <>
          <Chart
            label={`Posts and outage posts by ${by}`}
            spec={{
              x: shown.map((_, i) => i),
              time: false,
              categories: shown.map((r) => label(r.key)),
              series: [
                { label: 'posts', values: shown.map((r) => r.posts), color: '#1f5fa8', bars: true },
                { label: 'outage posts', values: shown.map((r) => r.outagePosts), color: '#a3261b', bars: true },
              ],
            }}
          />
          <div class="card scroll">
            <table data-testid="breakdown-table">
              <thead>
                <tr>
                  <th>{by === 'product' ? 'Product' : 'Region'}</th>
                  <th class="num">Posts</th>
                  <th class="num">Outage</th>
                  <th class="num">Outage share</th>
                  <th class="num">Negative</th>
                  <th class="num">Mean sentiment</th>
                  <th class="num">Comms complaints</th>
                  <th class="num">Churn</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr>
                    <td>
                      <a href={`/posts${qs({ product: by === 'product' ? r.key : product, region: by === 'region' ? r.key : region, from: new Date(period.from).toISOString().slice(0, 10), until: new Date(period.to - 1).toISOString().slice(0, 10) })}`}>
                        {label(r.key)}
                      </a>
                    </td>
                    <td class="num">{num(r.posts)}</td>
                    <td class="num">{num(r.outagePosts)}</td>
                    <td class="num">{pct(share(r.outagePosts, r.posts))}</td>
                    <td class="num">{pct(share(r.negative, r.posts))}</td>
                    <td class="num">{signed(r.posts ? r.sentimentSum / r.posts : null)}</td>
                    <td class="num">{num(r.commsComplaints)}</td>
                    <td class="num">{num(r.churn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="muted">
            Share this view: <a href={`/breakdown${qs({ by, ...filters })}`}>link to these filters</a>
          </p>
        </>
      )}
    </Layout>,
  );
}
