/**
 * Atlassian Statuspage: `/api/v2/incidents.json` (recent incidents, resolved or not) or
 * `/api/v2/summary.json` (unresolved ones) → one OfficialUpdate per incident update, with the
 * affected components of the update (falling back to the incident's components). A bare status
 * page URL gets `/api/v2/incidents.json` appended. The cursor is the newest incident `updated_at` (ms).
 */
import type { Connector, ConnectorContext, OfficialUpdate, SourceConfig, SourceState } from '../types.js';
import { badBody, isObject, toMs } from './common.js';

type Obj = Record<string, unknown>;

export function normaliseStatus(s: unknown): string {
  const v = typeof s === 'string' ? s.trim().toLowerCase().replace(/[\s-]+/g, '_') : '';
  return v === '' ? 'unknown' : v;
}

function names(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  const out = list.map((c) => (isObject(c) && typeof c['name'] === 'string' ? c['name'].trim() : '')).filter(Boolean);
  return [...new Set(out)];
}

export function incidentToUpdates(inc: Obj): OfficialUpdate[] {
  const incidentId = typeof inc['id'] === 'string' ? inc['id'] : null;
  if (!incidentId || !Array.isArray(inc['incident_updates'])) return [];
  const incidentComponents = names(inc['components']);
  const out: OfficialUpdate[] = [];
  for (const u of inc['incident_updates'] as unknown[]) {
    if (!isObject(u) || typeof u['id'] !== 'string') continue;
    const postedAt = toMs(u['display_at']) ?? toMs(u['created_at']);
    if (postedAt === null) continue;
    const affected = names(u['affected_components']);
    const upd: OfficialUpdate = {
      incidentId,
      updateId: u['id'],
      status: normaliseStatus(u['status']),
      components: affected.length ? affected : incidentComponents,
      body: typeof u['body'] === 'string' ? u['body'].trim() : '',
      postedAt,
    };
    if (typeof inc['name'] === 'string') upd.title = inc['name'];
    if (typeof inc['shortlink'] === 'string') upd.url = inc['shortlink'];
    const meta: Obj = {};
    if (typeof inc['impact'] === 'string') meta['impact'] = inc['impact'];
    if (typeof inc['status'] === 'string') meta['incidentStatus'] = normaliseStatus(inc['status']);
    if (Array.isArray(u['affected_components'])) {
      meta['componentChanges'] = (u['affected_components'] as unknown[]).filter(isObject).map((c) => ({
        name: c['name'],
        from: c['old_status'],
        to: c['new_status'],
      }));
    }
    const edited = toMs(u['updated_at']);
    if (edited !== null) meta['updatedAt'] = edited;
    upd.meta = meta;
    out.push(upd);
  }
  return out;
}

export function statuspageUrl(url: string): string {
  const u = new URL(url);
  if (!u.pathname.endsWith('.json')) u.pathname = `${u.pathname.replace(/\/+$/, '')}/api/v2/incidents.json`;
  return u.href;
}

export const statuspageConnector: Connector = {
  kind: 'statuspage',
  async pull(source: SourceConfig, state: SourceState, ctx: ConnectorContext) {
    const res = await ctx.fetch.get(statuspageUrl(source.url), { expect: 'json', etag: state.etag, lastModified: state.lastModified });
    if (res.notModified) {
      return { posts: [], officialUpdates: [], cursor: state.cursor, notModified: true, etag: res.etag, lastModified: res.lastModified };
    }
    const body = res.json<unknown>();
    if (!isObject(body) || !Array.isArray(body['incidents'])) throw badBody(res.url, 'expected a Statuspage document with incidents[]');
    const seen = new Set<string>();
    const updates: OfficialUpdate[] = [];
    let newest = state.cursor !== null && /^\d+$/.test(state.cursor) ? Number(state.cursor) : null;
    for (const inc of body['incidents'] as unknown[]) {
      if (!isObject(inc)) continue;
      const t = toMs(inc['updated_at']);
      if (t !== null && (newest === null || t > newest)) newest = t;
      for (const u of incidentToUpdates(inc)) {
        if (seen.has(u.updateId)) continue;
        seen.add(u.updateId);
        updates.push(u);
      }
    }
    updates.sort((a, b) => a.postedAt - b.postedAt);
    return {
      posts: [],
      officialUpdates: updates,
      cursor: newest === null ? state.cursor : String(newest),
      etag: res.etag,
      lastModified: res.lastModified,
    };
  },
};
