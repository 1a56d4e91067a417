/**
 * Works around drizzle-orm's D1 batch bug (drizzle-team/drizzle-orm#2277, open): a `db.run(sql`…`)`
 * or `db.all(sql`…`)` with parameters inside `db.batch([...])` throws "Cannot read properties of
 * undefined (reading 'bind')", because raw queries have no prepared `stmt`. db/queries uses such
 * statements in its atomic batches (posts, rollups, official updates), so on D1 the session's batch
 * is replaced by the same logic that prepares those from their SQL. libSQL is unaffected.
 */
interface BuiltQuery {
  sql: string;
  params: unknown[];
}
interface PreparedLike {
  stmt?: { bind(...params: unknown[]): unknown };
  getQuery(): BuiltQuery;
  mapResult(result: unknown, isFromBatch: boolean): unknown;
}
interface BatchableQuery {
  _prepare(): PreparedLike;
}
interface D1SessionLike {
  client: { prepare(sql: string): { bind(...params: unknown[]): unknown }; batch(statements: unknown[]): Promise<unknown[]> };
  batch(queries: BatchableQuery[]): Promise<unknown[]>;
}

export function patchD1Batch<T extends object>(db: T): T {
  const session = (db as unknown as { session?: D1SessionLike }).session;
  if (!session || typeof session.batch !== 'function' || !session.client) return db;
  session.batch = async function batch(queries: BatchableQuery[]): Promise<unknown[]> {
    const prepared = queries.map((q) => q._prepare());
    const statements = prepared.map((p) => {
      const built = p.getQuery();
      return p.stmt && built.params.length > 0 ? p.stmt.bind(...built.params) : session.client.prepare(built.sql).bind(...built.params);
    });
    const results = await session.client.batch(statements);
    return results.map((result, i) => prepared[i]!.mapResult(result, true));
  };
  return db;
}
