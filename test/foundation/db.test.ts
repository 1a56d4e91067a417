import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDb, DatabaseError } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { knownMigrations, migrationStatus } from '../../db/status.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'barometer-db-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('database', () => {
  it('applies every migration to an empty file database, and a second run changes nothing', async () => {
    const { db, close } = await openDb(`file:${join(tempDir(), 'nested', 'b.db')}`);
    expect(await migrationStatus(db)).toMatchObject({ applied: 0, version: null });
    const first = await applyMigrations(db);
    expect(first.applied).toBe(knownMigrations.length);
    expect(first.version).toBe(knownMigrations.at(-1)!.tag);
    const second = await applyMigrations(db);
    expect(second).toEqual(first);
    const tables = await db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`);
    const names = tables.map((t) => t.name);
    for (const table of ['sources', 'posts', 'post_products', 'post_regions', 'rollups', 'official_updates', 'incidents', 'alerts', 'webhooks', 'webhook_deliveries', 'api_keys', 'digests']) {
      expect(names).toContain(table);
    }
    close();
  });

  it('runs the file database in WAL mode', async () => {
    const { db, close } = await openDb(`file:${join(tempDir(), 'wal.db')}`);
    const rows = await db.all<{ journal_mode: string }>(sql`PRAGMA journal_mode`);
    expect(rows[0]?.journal_mode).toBe('wal');
    close();
  });

  it('works in memory for tests', async () => {
    const { db, close } = await openDb(':memory:');
    const status = await applyMigrations(db);
    expect(status.applied).toBe(knownMigrations.length);
    close();
  });

  it('names the path when the database folder cannot be created', async () => {
    await expect(openDb('file:/etc/hostname/sub/x.db')).rejects.toThrow(DatabaseError);
    await expect(openDb('file:/etc/hostname/sub/x.db')).rejects.toThrow(/\/etc\/hostname\/sub\/x\.db/);
  });

  it('refuses a URL scheme it cannot open', async () => {
    await expect(openDb('postgres://localhost/x')).rejects.toThrow(/not a file:, :memory:, libsql:\/\//);
  });
});
