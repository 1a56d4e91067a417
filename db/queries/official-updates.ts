/** Official (status page) updates: idempotent on (source_id, update_ref); an edited update is rewritten. */
import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../client.js';

export interface OfficialUpdateWrite {
  incidentRef: string;
  updateRef: string;
  status: string;
  title?: string | null;
  body: string;
  components: string[];
  products: string[];
  regions: string[];
  url?: string | null;
  postedAt: number;
}

export function officialUpdateStatements(
  db: Db,
  input: { sourceId: number; fetchedAt: number; demo: boolean; updates: OfficialUpdateWrite[] },
): BatchItem<'sqlite'>[] {
  if (input.updates.length === 0) return [];
  const J = JSON.stringify(
    input.updates.map((u) => ({
      i: u.incidentRef,
      k: u.updateRef,
      s: u.status,
      t: u.title ?? null,
      b: u.body,
      c: JSON.stringify(u.components),
      p: JSON.stringify(u.products),
      r: JSON.stringify(u.regions),
      u: u.url ?? null,
      at: u.postedAt,
    })),
  );
  return [
    db.run(sql`
      INSERT INTO official_updates (source_id, incident_ref, update_ref, status, title, body, components, products, regions, url, posted_at, fetched_at, demo)
      SELECT ${input.sourceId}, json_extract(value, '$.i'), json_extract(value, '$.k'), json_extract(value, '$.s'), json_extract(value, '$.t'),
        json_extract(value, '$.b'), json_extract(value, '$.c'), json_extract(value, '$.p'), json_extract(value, '$.r'), json_extract(value, '$.u'),
        json_extract(value, '$.at'), ${input.fetchedAt}, ${input.demo ? 1 : 0}
      FROM json_each(${J}) WHERE true
      ON CONFLICT (source_id, update_ref) DO UPDATE SET
        incident_ref = excluded.incident_ref, status = excluded.status, title = excluded.title, body = excluded.body,
        components = excluded.components, products = excluded.products, regions = excluded.regions, url = excluded.url,
        posted_at = excluded.posted_at, fetched_at = excluded.fetched_at
      WHERE official_updates.body <> excluded.body OR official_updates.status <> excluded.status
        OR official_updates.posted_at <> excluded.posted_at OR official_updates.components <> excluded.components
        OR official_updates.products <> excluded.products OR coalesce(official_updates.title, '') <> coalesce(excluded.title, '')`),
  ];
}

export async function countOfficialUpdates(db: Db, sourceId?: number): Promise<number> {
  const rows =
    sourceId === undefined
      ? await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM official_updates`)
      : await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM official_updates WHERE source_id = ${sourceId}`);
  return Number(rows[0]?.n ?? 0);
}
