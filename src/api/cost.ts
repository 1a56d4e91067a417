/**
 * GET /cost: the cost of silence per incident or over a period, both views of DESIGN.md side by side —
 * modelled (every term with its formula and inputs) and measured (excess posts per minute of silence,
 * with a bootstrap interval once there are enough incidents). Never a number without its inputs.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { measuredSilenceCost, silenceSample, type CommsMetrics, type ModelledCost } from '../../analysis/signals/index.js';
import { getIncident, listIncidents, type IncidentRow } from '../../db/queries/incidents.js';
import { requireRole } from '../auth.js';
import { ApiError } from '../errors.js';
import { ALL, DAY_MS, checkProduct, demoField, iso, isoTime, newRouter, problems, productParam, resolveRange, secured } from './common.js';
import { ModelledCostSchema } from './incidents.js';

const Query = z.object({
  incident: z.string().regex(/^[1-9]\d{0,15}$/, 'must be a positive integer id').optional().openapi({ description: 'One incident (overrides from/to/product)' }),
  product: productParam,
  from: isoTime('Incidents whose first signal is at or after; default `to` minus 90 days').optional(),
  to: isoTime('… and before; default now').optional(),
});

const TotalSchema = z.object({ currency: z.string(), terms: z.array(z.object({ name: z.string(), amount: z.number() })), total: z.number() });

export const CostSchema = z
  .object({
    scope: z.enum(['incident', 'period']),
    product: z.string(),
    from: z.string(),
    to: z.string(),
    demo: demoField,
    incidents: z.array(
      z.object({
        id: z.number().int(),
        product: z.string(),
        firstSignalAt: z.string(),
        modelled: z.object({ incident: ModelledCostSchema, silence: ModelledCostSchema }).nullable(),
      }),
    ),
    totals: z
      .object({ incident: TotalSchema, silence: TotalSchema })
      .nullable()
      .openapi({ description: 'Sum of each term over the incidents; null when their currencies differ or none is computed' }),
    measured: z.record(z.string(), z.unknown()).openapi({ description: "Excess negative/churn posts per minute of silence across these incidents; status 'too-few' below the minimum" }),
    notes: z.array(z.string()),
  })
  .openapi('Cost');

const route = createRoute({
  method: 'get',
  path: '/cost',
  summary: 'Cost of silence, per incident or per period (every term with its inputs)',
  tags: ['incidents'],
  security: secured,
  middleware: [requireRole('viewer')] as const,
  request: { query: Query },
  responses: {
    200: { description: 'Modelled and measured cost', content: { 'application/json': { schema: CostSchema } } },
    ...problems(400, 401, 404, 429),
  },
});

type Stored = { comms?: CommsMetrics; cost?: { incident: ModelledCost; silence: ModelledCost } };

function sumTerms(costs: ModelledCost[]): z.infer<typeof TotalSchema> | null {
  const currency = costs[0]?.currency;
  if (!currency || costs.some((c) => c.currency !== currency)) return null;
  const byName = new Map<string, number>();
  for (const c of costs) for (const t of c.terms) byName.set(t.name, (byName.get(t.name) ?? 0) + t.amount);
  const terms = [...byName].map(([name, amount]) => ({ name, amount }));
  return { currency, terms, total: terms.reduce((a, t) => a + t.amount, 0) };
}

export function costRoutes() {
  return newRouter().openapi(route, async (c) => {
    const deps = c.get('deps');
    const q = c.req.valid('query');
    let rows: IncidentRow[];
    let scope: 'incident' | 'period';
    let range: { from: number; to: number };
    let product = ALL;
    if (q.incident) {
      const one = await getIncident(deps.db, Number(q.incident));
      if (!one) throw new ApiError(404, 'not_found', `No incident ${q.incident}`);
      rows = [one];
      scope = 'incident';
      range = { from: one.firstSignalAt, to: one.resolvedAt ?? deps.clock.now() };
      product = one.product;
    } else {
      product = checkProduct(deps, q.product) ?? ALL;
      range = resolveRange(q, deps.clock.now(), 90 * DAY_MS, 5 * 366 * DAY_MS);
      rows = await listIncidents(deps.db, { product: product === ALL ? undefined : product, from: range.from, to: q.to ? range.to : undefined, limit: 1000 });
      scope = 'period';
    }
    const notes: string[] = [];
    const incidents = rows.map((i) => {
      const m = (i.metrics ?? {}) as Stored;
      return { id: i.id, product: i.product, firstSignalAt: iso(i.firstSignalAt), modelled: m.cost ?? null, comms: m.comms };
    });
    const computed = incidents.filter((i) => i.modelled !== null);
    if (computed.length < incidents.length) notes.push(`${incidents.length - computed.length} incident(s) have no computed cost yet`);
    if (rows.length === 1000) notes.push('only the 1000 most recent incidents of the period are counted');
    const incidentTotals = sumTerms(computed.map((i) => i.modelled!.incident));
    const silenceTotals = sumTerms(computed.map((i) => i.modelled!.silence));
    const samples = incidents.filter((i) => i.comms && typeof i.comms.silentMs === 'number').map((i) => silenceSample(String(i.id), i.comms as CommsMetrics));
    const measured = measuredSilenceCost(samples);
    return c.json(
      {
        scope,
        product,
        from: iso(range.from),
        to: iso(range.to),
        demo: deps.demo ?? false,
        incidents: incidents.map(({ comms: _comms, ...rest }) => rest),
        totals: incidentTotals && silenceTotals ? { incident: incidentTotals, silence: silenceTotals } : null,
        measured: measured as unknown as Record<string, unknown>,
        notes,
      },
      200,
    );
  });
}
