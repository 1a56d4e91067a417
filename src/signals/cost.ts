/**
 * Cost of silence across incidents (the measured view of docs/metrics.md): pooled excess negative
 * and churn posts per minute of silence, with a bootstrap interval once there are ≥ 5 incidents
 * with both silent and covered time; otherwise `status: 'too-few'` and no number.
 */
import type { Db } from '../../db/client.js';
import { listIncidents } from '../../db/queries/incidents.js';
import { measuredSilenceCost, type MeasuredSilenceCost, type SilenceSample } from '../../analysis/signals/index.js';

export async function measuredCost(
  db: Db,
  q: { from?: number; to?: number; product?: string } = {},
): Promise<MeasuredSilenceCost & { incidents: number }> {
  const rows = await listIncidents(db, { ...q, limit: 1000 });
  const samples = rows
    .map((r) => (r.metrics as { silenceSample?: SilenceSample }).silenceSample)
    .filter((s): s is SilenceSample => !!s);
  return { ...measuredSilenceCost(samples), incidents: rows.length };
}
