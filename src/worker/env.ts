/**
 * What the Worker gets from Cloudflare (`env`: bindings, vars, secrets) and how it turns that into
 * the same dependencies src/server.ts builds on Node: a `Db`, a `Config`, a logger, a fetcher.
 * Portable only: no node:* modules, no native libSQL (checked by test/worker/bundle.test.ts).
 *
 * The binding types are written out structurally (the few members we use) instead of pulling
 * @cloudflare/workers-types into the global scope, where its Request/Response clash with lib.dom.
 */
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web';
import { createClient } from '@libsql/client/web';
import * as schema from '../../db/schema.js';
import type { Db } from '../../db/client.js';
import { ConfigError, configFromEnv, type Config } from '../config-schema.js';
import { createLogger, type Logger } from '../log.js';
import { createFetcher } from '../../ingest/fetch/core.js';
import { createWebTransport } from '../../ingest/fetch/web.js';
import { patchD1Batch } from './d1-batch.js';
import type { AddressPolicy, Fetcher } from '../../ingest/fetch/types.js';

/** The slice of Cloudflare's D1Database that drizzle-orm/d1 needs. */
export interface D1DatabaseLike {
  prepare(query: string): unknown;
  batch(statements: unknown[]): Promise<unknown[]>;
  exec(query: string): Promise<unknown>;
}

export interface QueueLike<Body> {
  send(body: Body, options?: { delaySeconds?: number }): Promise<void>;
  sendBatch(messages: Iterable<{ body: Body; delaySeconds?: number }>): Promise<void>;
}

export interface QueueMessage<Body> {
  readonly id: string;
  readonly body: Body;
  readonly attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

export interface MessageBatchLike<Body> {
  readonly queue: string;
  readonly messages: readonly QueueMessage<Body>[];
  ackAll(): void;
  retryAll(options?: { delaySeconds?: number }): void;
}

export interface ScheduledControllerLike {
  readonly scheduledTime: number;
  readonly cron: string;
}

export interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException?(): void;
}

/** One queued unit of work: pull and store one source. */
export interface SourceJob {
  sourceId: number;
  /** When the producer saw it due (epoch ms). */
  dueAt: number;
}

/** Bindings, vars and secrets (wrangler.toml documents each one). */
export interface WorkerEnv {
  /** D1 database (binding "DB"); unused when DATABASE_URL is a libsql:// or https:// Turso URL. */
  DB?: D1DatabaseLike;
  /** Producer binding of the ingest queue; without it `scheduled` pulls inline. */
  INGEST_QUEUE?: QueueLike<SourceJob>;
  DATABASE_URL?: string;
  DATABASE_AUTH_TOKEN?: string;
  /** The barometer.config.json content: a JSON string, or a table in wrangler.toml [vars]. */
  BAROMETER_CONFIG_JSON?: string | Record<string, unknown>;
  /** "true" lets sources on 127.0.0.0/8 and ::1 be pulled (local dev and the acceptance test only). */
  BAROMETER_ALLOW_LOOPBACK?: string;
  BAROMETER_ADMIN_TOKEN?: string;
  LOG_LEVEL?: string;
  [key: string]: unknown;
}

/** Only string vars go to the env schema (bindings are objects). */
function stringVars(env: WorkerEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function workerConfig(env: WorkerEnv): Config {
  let file: unknown = {};
  const raw = env.BAROMETER_CONFIG_JSON;
  if (typeof raw === 'string' && raw.trim() !== '') {
    try {
      file = JSON.parse(raw);
    } catch (error) {
      throw new ConfigError(`BAROMETER_CONFIG_JSON is not valid JSON: ${(error as Error).message}`);
    }
  } else if (raw && typeof raw === 'object') {
    file = raw;
  }
  // DATABASE_URL defaults to a file: URL on Node; on Workers "unset" means the D1 binding.
  const vars = { DATABASE_URL: 'd1:DB', ...stringVars(env) };
  return configFromEnv(vars, file, raw ? 'BAROMETER_CONFIG_JSON' : null);
}

const isRemoteLibsql = (url: string) => /^(libsql|https):\/\//.test(url);

/** D1 through drizzle's D1 driver, or Turso over HTTP when DATABASE_URL is libsql:// / https://. */
export function openWorkerDb(env: WorkerEnv, config: Config): Db {
  if (isRemoteLibsql(config.databaseUrl)) {
    const client = createClient({ url: config.databaseUrl, authToken: config.databaseAuthToken });
    return drizzleLibsql(client, { schema }) as unknown as Db;
  }
  if (!env.DB) {
    throw new ConfigError('no database: bind a D1 database as "DB" in wrangler.toml, or set DATABASE_URL to a libsql:// URL');
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return patchD1Batch(drizzleD1(env.DB as any, { schema })) as unknown as Db;
}

export function workerLogger(config: Config): Logger {
  // Workers have no stderr: JSON lines go to the console method of their level (`wrangler tail`, Workers Logs).
  return createLogger(config.logLevel, { runtime: 'workerd' }, (line) => {
    const level = /"level":"(\w+)"/.exec(line)?.[1];
    if (level === 'error') console.error(line);
    else if (level === 'warn') console.warn(line);
    else console.log(line);
  });
}

export function addressPolicy(env: WorkerEnv): AddressPolicy {
  return env.BAROMETER_ALLOW_LOOPBACK === 'true' ? { allowLoopback: true } : {};
}

/** The shared fetcher over the platform's fetch (Workers resolve DNS themselves, see ingest/fetch/web.ts). */
export function workerFetcher(env: WorkerEnv): Fetcher {
  return createFetcher({ transport: createWebTransport(), policy: addressPolicy(env) });
}
