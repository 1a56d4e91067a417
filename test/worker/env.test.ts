/** How the Worker turns `env` into Barometer's dependencies: config, database choice, SSRF policy. */
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { ConfigError } from '../../src/config-schema.js';
import { loadConfig } from '../../src/config.js';
import { addressPolicy, openWorkerDb, workerConfig, workerFetcher } from '../../src/worker/env.js';
import { startFixtureServer, json, type FixtureServer } from '../helpers/fixture-server.js';

let srv: FixtureServer;
beforeAll(async () => {
  srv = await startFixtureServer({ routes: { '/ok.json': json({ ok: true }) } });
});
afterAll(async () => srv.close());

describe('workerConfig', () => {
  it('reads the config file from BAROMETER_CONFIG_JSON, as a string or a wrangler.toml table', () => {
    const file = { provider: 'Contoso', spikes: { threshold: 4 } };
    for (const raw of [JSON.stringify(file), file]) {
      const c = workerConfig({ BAROMETER_CONFIG_JSON: raw, BAROMETER_ADMIN_TOKEN: 'a-token-of-16-chars!' });
      expect(c.provider).toBe('Contoso');
      expect(c.spikes.threshold).toBe(4);
      expect(c.spikes.minCount).toBe(5); // defaults still apply
      expect(c.adminToken).toBe('a-token-of-16-chars!');
      expect(c.configPath).toBe('BAROMETER_CONFIG_JSON');
    }
  });

  it('builds the same Config as the Node loader from the same variables', () => {
    const vars = { LOG_LEVEL: 'warn', BAROMETER_DIGEST_TO: 'a@example.com, b@example.com' };
    const worker = workerConfig({ ...vars, DATABASE_URL: 'file:data/barometer.db' });
    const node = loadConfig(vars, '/nonexistent-dir-for-test');
    expect(worker).toEqual({ ...node, configPath: null });
  });

  it('names the bad variable or field', () => {
    expect(() => workerConfig({ BAROMETER_CONFIG_JSON: '{"spikes":' })).toThrow(/BAROMETER_CONFIG_JSON is not valid JSON/);
    expect(() => workerConfig({ BAROMETER_CONFIG_JSON: '{"spikes":{"threshold":"high"}}' })).toThrow(/BAROMETER_CONFIG_JSON: spikes\.threshold/);
    expect(() => workerConfig({ LOG_LEVEL: 'loud' })).toThrow(ConfigError);
  });

  it('ignores bindings (objects) among the vars', () => {
    const c = workerConfig({ DB: { prepare() {} } as never, INGEST_QUEUE: {} as never });
    expect(c.databaseUrl).toBe('d1:DB');
  });
});

describe('openWorkerDb', () => {
  it('asks for a D1 binding or a libsql:// URL when it has neither', () => {
    const env = {};
    expect(() => openWorkerDb(env, workerConfig(env))).toThrow(/bind a D1 database as "DB".*libsql:\/\//);
  });
});

describe('the Worker fetcher', () => {
  it('refuses loopback sources unless BAROMETER_ALLOW_LOOPBACK is exactly "true"', async () => {
    for (const value of [undefined, 'false', '1', 'TRUE']) {
      const env = value === undefined ? {} : { BAROMETER_ALLOW_LOOPBACK: value };
      expect(addressPolicy(env)).toEqual({});
      await expect(workerFetcher(env).get(srv.url('/ok.json'), { expect: 'json' })).rejects.toThrow(/loopback|blocked|not allowed|refus/i);
    }
    expect(srv.requests).toHaveLength(0);
    const res = await workerFetcher({ BAROMETER_ALLOW_LOOPBACK: 'true' }).get(srv.url('/ok.json'), { expect: 'json' });
    expect(res.json()).toEqual({ ok: true });
    expect(srv.requests).toHaveLength(1);
  });
});
