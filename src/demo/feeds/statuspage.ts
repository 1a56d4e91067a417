/**
 * The demo provider's status page as Atlassian Statuspage serves it: `/api/v2/summary.json`,
 * `/api/v2/status.json`, `/api/v2/components.json`, `/api/v2/incidents.json` and
 * `/api/v2/incidents/unresolved.json`. Newest first; what is shown depends on `asOf`.
 */
import type { DemoStatusIncident } from '../generate.js';
import type { OfficialStatus } from '../timeline.js';
import { DEMO_STATUS_PAGE, iso, json, type DemoIndex, type FeedResponse } from './common.js';

const PAGE_ID = 'demo2013o365';
type ComponentStatus = 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage';

/** Component status after an update of each kind (a gray failure first shows as "degraded"). */
const componentStatusAfter: Record<OfficialStatus, ComponentStatus> = {
  investigating: 'degraded_performance',
  identified: 'partial_outage',
  monitoring: 'degraded_performance',
  resolved: 'operational',
};

function pageJson(ix: DemoIndex, asOf: number) {
  const updates = ix.dataset.statusIncidents.flatMap((i) => i.updates).filter((u) => u.createdAt <= asOf);
  const last = updates.reduce((m, u) => Math.max(m, u.createdAt), ix.dataset.from);
  return { id: PAGE_ID, name: DEMO_STATUS_PAGE, url: `${ix.baseUrl}/status`, time_zone: 'Etc/UTC', updated_at: iso(last) };
}

function componentStatuses(ix: DemoIndex, asOf: number): Map<string, { status: ComponentStatus; updatedAt: number }> {
  const out = new Map<string, { status: ComponentStatus; updatedAt: number }>();
  for (const c of ix.dataset.statusComponents) out.set(c.id, { status: 'operational', updatedAt: ix.dataset.from });
  for (const inc of ix.dataset.statusIncidents) {
    for (const u of inc.updates) {
      if (u.createdAt > asOf) continue;
      for (const id of inc.componentIds) out.set(id, { status: componentStatusAfter[u.status], updatedAt: u.createdAt });
    }
  }
  return out;
}

function componentsJson(ix: DemoIndex, asOf: number, only?: readonly string[]) {
  const states = componentStatuses(ix, asOf);
  return ix.dataset.statusComponents
    .filter((c) => !only || only.includes(c.id))
    .map((c) => ({
      id: c.id,
      name: c.name,
      status: states.get(c.id)?.status ?? 'operational',
      created_at: iso(ix.dataset.from),
      updated_at: iso(states.get(c.id)?.updatedAt ?? ix.dataset.from),
      position: c.position,
      description: null,
      showcase: true,
      start_date: null,
      group_id: null,
      page_id: PAGE_ID,
      group: false,
      only_show_if_degraded: false,
    }));
}

function incidentJson(ix: DemoIndex, inc: DemoStatusIncident, asOf: number) {
  const updates = inc.updates.filter((u) => u.createdAt <= asOf);
  const latest = updates[updates.length - 1]!;
  const components = ix.dataset.statusComponents.filter((c) => inc.componentIds.includes(c.id));
  const monitoring = updates.find((u) => u.status === 'monitoring');
  const resolved = updates.find((u) => u.status === 'resolved');
  return {
    id: inc.id,
    name: inc.name,
    status: latest.status,
    created_at: iso(inc.createdAt),
    updated_at: iso(latest.createdAt),
    monitoring_at: monitoring ? iso(monitoring.createdAt) : null,
    resolved_at: resolved ? iso(resolved.createdAt) : null,
    impact: inc.impact,
    shortlink: `${ix.baseUrl}/status/incidents/${inc.id}`,
    started_at: iso(inc.createdAt),
    page_id: PAGE_ID,
    incident_updates: updates
      .map((u, i) => ({
        id: u.id,
        status: u.status,
        body: u.body,
        incident_id: inc.id,
        created_at: iso(u.createdAt),
        updated_at: iso(u.createdAt),
        display_at: iso(u.createdAt),
        affected_components: components.map((c) => ({
          code: c.id,
          name: c.name,
          old_status: i === 0 ? 'operational' : componentStatusAfter[updates[i - 1]!.status],
          new_status: componentStatusAfter[u.status],
        })),
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      }))
      .reverse(),
    components: componentsJson(ix, asOf, inc.componentIds),
  };
}

function visibleIncidents(ix: DemoIndex, asOf: number) {
  return ix.dataset.statusIncidents
    .filter((i) => i.createdAt <= asOf)
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((i) => incidentJson(ix, i, asOf));
}

function overall(incidents: ReturnType<typeof visibleIncidents>) {
  const open = incidents.filter((i) => i.status !== 'resolved');
  if (!open.length) return { indicator: 'none', description: 'All Systems Operational' };
  const worst = open.some((i) => i.impact === 'critical') ? 'critical' : open.some((i) => i.impact === 'major') ? 'major' : 'minor';
  return { indicator: worst, description: worst === 'minor' ? 'Minor Service Outage' : worst === 'major' ? 'Partial System Outage' : 'Major System Outage' };
}

export function statuspage(ix: DemoIndex, path: string, asOf: number): FeedResponse | null {
  const page = pageJson(ix, asOf);
  const incidents = visibleIncidents(ix, asOf);
  switch (path) {
    case '/api/v2/incidents.json': return json({ page, incidents });
    case '/api/v2/incidents/unresolved.json': return json({ page, incidents: incidents.filter((i) => i.status !== 'resolved') });
    case '/api/v2/components.json': return json({ page, components: componentsJson(ix, asOf) });
    case '/api/v2/status.json': return json({ page, status: overall(incidents) });
    case '/api/v2/summary.json':
      return json({ page, components: componentsJson(ix, asOf), incidents: incidents.filter((i) => i.status !== 'resolved'), scheduled_maintenances: [], status: overall(incidents) });
    default: return null;
  }
}
