/**
 * API keys (DESIGN.md "Interfaces"): only the SHA-256 of a key is stored, with a short prefix so a
 * person can tell keys apart in `barometer keys list`. The key itself is shown once, at creation.
 */
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { apiKeys } from '../schema.js';

export type KeyRole = 'viewer' | 'admin';

export interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  role: KeyRole;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

const listed = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  role: apiKeys.role,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

export async function insertApiKey(
  db: Db,
  key: { name: string; prefix: string; keyHash: string; role: KeyRole; createdAt: number },
): Promise<ApiKeyRow> {
  const [row] = await db.insert(apiKeys).values(key).returning(listed);
  if (!row) throw new Error('insert into api_keys returned no row');
  return row;
}

export async function findApiKeyByHash(db: Db, keyHash: string): Promise<ApiKeyRow | null> {
  const [row] = await db.select(listed).from(apiKeys).where(eq(apiKeys.keyHash, keyHash)).limit(1);
  return row ?? null;
}

export async function listApiKeys(db: Db): Promise<ApiKeyRow[]> {
  return db.select(listed).from(apiKeys).orderBy(desc(apiKeys.id));
}

/** Marks a key revoked (idempotent: the first revocation time is kept). Null when there is no such key. */
export async function revokeApiKey(db: Db, id: number, at: number): Promise<ApiKeyRow | null> {
  const [existing] = await db.select(listed).from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
  if (!existing) return null;
  if (existing.revokedAt !== null) return existing;
  const [row] = await db.update(apiKeys).set({ revokedAt: at }).where(eq(apiKeys.id, id)).returning(listed);
  return row ?? null;
}

export async function touchApiKey(db: Db, id: number, at: number): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
}
