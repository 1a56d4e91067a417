/** Alerts, newest first, each with an acknowledge form (POST + CSRF). */
import type { Context } from 'hono';
import { listAlerts } from '../../../db/queries/alerts.js';
import type { AppEnv } from '../../app.js';
import { Empty, Layout, type PageContext } from '../layout.js';
import { qs, when } from '../period.js';

export async function alertsPage(c: Context<AppEnv>, ctx: PageContext, flash?: string) {
  const deps = c.get('deps');
  const onlyOpen = c.req.query('open') === '1';
  const rows = await listAlerts(deps.db, { limit: 100, unacknowledged: onlyOpen || undefined });
  const names = new Map(deps.config.products.map((p) => [p.id, p.name]));
  return c.html(
    <Layout ctx={ctx} title="Alerts">
      {flash && <div class="flash" role="status">{flash}</div>}
      <p>
        {onlyOpen ? <a href="/alerts">Show all alerts</a> : <a href="/alerts?open=1">Show only unacknowledged</a>}
      </p>
      {rows.length === 0 ? (
        <Empty>{onlyOpen ? 'Every alert is acknowledged.' : 'No alerts yet. Alerts fire when outage posts for a product spike above their baseline, or an incident goes unacknowledged; thresholds are in barometer.config.json → spikes.'}</Empty>
      ) : (
        <div class="card scroll">
          <table>
            <thead><tr><th>Fired</th><th>Kind</th><th>Product / region</th><th class="num">Observed / expected</th><th>Severity</th><th>Acknowledged</th></tr></thead>
            <tbody>
              {rows.map((a) => (
                <tr data-alert-id={a.id}>
                  <td>{when(a.firedAt)}<div class="muted">bucket {when(a.bucketStart)}</div></td>
                  <td>{a.kind}</td>
                  <td>
                    {a.incidentId ? <a href={`/incidents/${a.incidentId}`}>{names.get(a.product) ?? a.product}</a> : names.get(a.product) ?? a.product} · {a.region}
                    <div><a href={`/posts${qs({ product: a.product === '*' ? '' : a.product, outage: 'on', from: new Date(a.bucketStart).toISOString(), until: new Date(a.bucketStart + 3_600_000).toISOString() })}`}>posts</a></div>
                  </td>
                  <td class="num">{a.observed} / {a.expected.toFixed(1)}</td>
                  <td><span class={`tag ${a.severity === 'high' || a.severity === 'critical' ? 'bad' : 'warn'}`}>{a.severity}</span></td>
                  <td>
                    {a.acknowledgedAt ? (
                      <span>by {a.acknowledgedBy ?? '?'} at {when(a.acknowledgedAt)}</span>
                    ) : (
                      <form method="post" action={`/alerts/${a.id}/ack`}>
                        <input type="hidden" name="_csrf" value={ctx.csrf} />
                        <button type="submit" class="secondary" aria-label={`Acknowledge alert ${a.id}`}>Acknowledge</button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>,
  );
}
