/** How far a database is migrated. Portable (no fs): runs on Node and on Workers. */
import { sql } from 'drizzle-orm';
import journal from './migrations/meta/_journal.json' with { type: 'json' };
import type { Db } from './client.js';

/** The migrations this build knows, in order (from drizzle-kit's journal). */
export const knownMigrations: { idx: number; tag: string }[] = journal.entries;

export interface MigrationStatus {
  applied: number;
  known: number;
  /** Tag of the newest applied migration, e.g. "0000_init", or null on an empty database. */
  version: string | null;
}

/**
 * Counted from drizzle's own bookkeeping table on Node, or wrangler's `d1_migrations` on D1
 * (both apply the same files in db/migrations).
 */
export async function migrationStatus(db: Db): Promise<MigrationStatus> {
  let applied = 0;
  for (const table of ['__drizzle_migrations', 'd1_migrations']) {
    try {
      const rows = await db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`));
      applied = Number(rows[0]?.n ?? 0);
      break;
    } catch {
      // table absent: try the other bookkeeping table, else nothing is applied yet
    }
  }
  return {
    applied,
    known: knownMigrations.length,
    version: applied > 0 ? (knownMigrations[applied - 1]?.tag ?? null) : null,
  };
}
