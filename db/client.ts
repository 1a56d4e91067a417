/**
 * Opening the database. One data-access type (`Db`) for every driver: libSQL (embedded `file:`,
 * `:memory:`, remote `libsql://`) on Node, and Cloudflare D1 on Workers (see src/worker.ts).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import * as schema from './schema.js';

export type Schema = typeof schema;

/**
 * The database every query takes. Both drizzle's libSQL and D1 databases fit it. Use `db.batch([...])`
 * for atomic multi-statement writes: D1 has no interactive transactions.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = BaseSQLiteDatabase<'async', any, Schema> & { batch: LibSQLDatabase<Schema>['batch'] };

export interface OpenedDb {
  db: Db;
  client: Client;
  url: string;
  close(): void;
}

/** A start-up problem with the database a person can fix (bad URL, unwritable path). */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

function filePathOf(url: string): string | null {
  if (url === ':memory:' || url === 'file::memory:') return null;
  if (url.startsWith('file:')) return url.slice('file:'.length).split('?')[0] ?? null;
  return null;
}

/** Opens `file:` (WAL, busy timeout), `:memory:` or `libsql://`/`https://` (Turso) databases. */
export async function openDb(url: string, authToken?: string): Promise<OpenedDb> {
  const isMemory = url === ':memory:' || url === 'file::memory:';
  const path = filePathOf(url);
  const remote = /^(libsql|https?|wss?):\/\//.test(url);
  if (!isMemory && !path && !remote) {
    throw new DatabaseError(`DATABASE_URL "${url}" is not a file:, :memory:, libsql:// or https:// URL`);
  }
  if (path) {
    try {
      mkdirSync(dirname(resolve(path)), { recursive: true });
    } catch (error) {
      throw new DatabaseError(`cannot create the folder for database ${path}: ${(error as NodeJS.ErrnoException).code}`);
    }
  }
  const client = createClient({ url: isMemory ? ':memory:' : url, authToken });
  try {
    if (path) {
      await client.execute('PRAGMA journal_mode = WAL');
      await client.execute('PRAGMA busy_timeout = 10000');
      await client.execute('PRAGMA synchronous = NORMAL');
    }
    await client.execute('PRAGMA foreign_keys = ON');
    // Touch the file for real so an unwritable location fails now, with its name, not mid-request.
    if (path) {
      await client.execute('CREATE TABLE IF NOT EXISTS _barometer_probe (x INTEGER)');
      await client.execute('DROP TABLE IF EXISTS _barometer_probe');
    }
  } catch (error) {
    client.close();
    const message = (error as Error).message.split('\n')[0];
    throw new DatabaseError(`cannot open database ${path ?? url}: ${message}`);
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, client, url, close: () => client.close() };
}
