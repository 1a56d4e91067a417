/**
 * The portable half of src/config.ts: the zod schemas, the `Config` type and `configFromEnv`, which
 * builds a `Config` from plain variables and an already-parsed config object. No fs, no process:
 * src/worker.ts imports this (Workers' `env` bindings in, `Config` out); src/config.ts re-exports it
 * and adds the Node loader that reads process.env and barometer.config.json.
 */
import { z } from 'zod';
import { defaultProducts } from './default-catalogue.js';

const macroRegion = z.enum(['NA', 'LATAM', 'EMEA', 'APAC']);

const productSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case id of letters, digits and dashes'),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  components: z.array(z.string().min(1)).default([]),
});

export const sourceKinds = ['rss', 'reddit', 'hackernews', 'mastodon', 'bluesky', 'discourse', 'statuspage', 'push'] as const;

const sourceSchema = z.object({
  name: z.string().min(1),
  kind: z.enum(sourceKinds),
  url: z.string().url().optional(),
  official: z.boolean().default(false),
  pollIntervalSeconds: z.number().int().min(30).default(300),
  productHint: z.string().optional(),
  regionHint: macroRegion.optional(),
  options: z.record(z.string(), z.unknown()).default({}),
  enabled: z.boolean().default(true),
});

const costModelSchema = z.object({
  currency: z.string().default('USD'),
  churnConversionRate: z.number().min(0).max(1).default(0.05),
  customerValue: z.number().min(0).default(12000),
  ticketsPerComplaint: z.number().min(0).default(0.6),
  costPerTicket: z.number().min(0).default(25),
  slaCreditPerIncidentHour: z.number().min(0).default(2000),
  brandValuePerNegativePost: z.number().min(0).default(15),
});

const spikeSchema = z.object({
  bucketMinutes: z.number().int().min(1).max(60).default(5),
  threshold: z.number().positive().default(6),
  minCount: z.number().int().min(1).default(5),
  silenceAlertMinutes: z.number().int().min(1).default(30),
});

export const configFileSchema = z.object({
  provider: z.string().default('Demo provider'),
  products: z.array(productSchema).default(defaultProducts),
  regionAliases: z.record(z.string(), macroRegion).default({}),
  sources: z.array(sourceSchema).default([]),
  spikes: spikeSchema.default(spikeSchema.parse({})),
  cost: costModelSchema.default(costModelSchema.parse({})),
  digest: z
    .object({
      recipients: z.array(z.string().email()).default([]),
      hour: z.number().int().min(0).max(23).default(7),
      timeZone: z.string().default('UTC'),
    })
    .default({ recipients: [], hour: 7, timeZone: 'UTC' }),
  ingest: z
    .object({ maxBatchSize: z.number().int().min(1).max(100000).default(5000), concurrency: z.number().int().min(1).default(4) })
    .default({ maxBatchSize: 5000, concurrency: 4 }),
});

export type FileConfig = z.infer<typeof configFileSchema>;
export type ProductConfig = z.infer<typeof productSchema>;
export type SourceConfigEntry = z.infer<typeof sourceSchema>;
export type CostModelConfig = z.infer<typeof costModelSchema>;

export const envSchema = z.object({
  DATABASE_URL: z.string().default('file:data/barometer.db'),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  BAROMETER_CONFIG: z.string().optional(),
  BAROMETER_ADMIN_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  BAROMETER_PUBLIC_URL: z.string().url().optional(),
  BAROMETER_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  BAROMETER_DIGEST_TO: z.string().optional(),
  SMTP_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export interface Config extends FileConfig {
  databaseUrl: string;
  databaseAuthToken?: string;
  port: number;
  host: string;
  /** Path of the config file that was read, or null when running on defaults. */
  configPath: string | null;
  adminToken?: string;
  publicUrl?: string;
  demo: 'auto' | 'on' | 'off';
  smtpUrl?: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

/** A start-up problem a person can fix; the CLI prints its message on one line and exits 1. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function describeIssues(error: z.ZodError, prefix: string): string {
  return error.issues
    .map((issue) => `${prefix}${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Parses a config object (already read from JSON); `where` names the file in error messages. */
export function parseFileConfig(raw: unknown, where = 'config'): FileConfig {
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${where}: ${describeIssues(parsed.error, '')}`);
  return parsed.data;
}

/**
 * Builds the `Config` from variables (process.env on Node, `env` vars/secrets on Workers) and an
 * already-parsed config object (`fileJson`, e.g. the `BAROMETER_CONFIG_JSON` var on Workers).
 * `configPath` names where the object came from (null: defaults / no file).
 */
export function configFromEnv(
  vars: Record<string, unknown>,
  fileJson: unknown = {},
  configPath: string | null = null,
): Config {
  const parsedEnv = envSchema.safeParse(vars);
  if (!parsedEnv.success) throw new ConfigError(`environment: ${describeIssues(parsedEnv.error, '')}`);
  const e = parsedEnv.data;
  const file = parseFileConfig(fileJson ?? {}, configPath ?? 'config');
  if (e.BAROMETER_DIGEST_TO) {
    const recipients = e.BAROMETER_DIGEST_TO.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = recipients.find((r) => !z.string().email().safeParse(r).success);
    if (bad) throw new ConfigError(`environment: BAROMETER_DIGEST_TO: "${bad}" is not an email address`);
    file.digest.recipients = recipients;
  }
  return {
    ...file,
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    port: e.PORT,
    host: e.HOST,
    configPath,
    adminToken: e.BAROMETER_ADMIN_TOKEN,
    publicUrl: e.BAROMETER_PUBLIC_URL,
    demo: e.BAROMETER_DEMO,
    smtpUrl: e.SMTP_URL,
    logLevel: e.LOG_LEVEL,
  };
}

/** Demo mode runs when asked, or by default when no config file and no sources are configured. */
export function isDemoMode(config: Config): boolean {
  if (config.demo === 'on') return true;
  if (config.demo === 'off') return false;
  return config.configPath === null && config.sources.length === 0;
}
