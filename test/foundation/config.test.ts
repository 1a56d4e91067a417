import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, isDemoMode, loadConfig } from '../../src/config.js';

const dir = mkdtempSync(join(tmpdir(), 'barometer-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('config', () => {
  it('needs no file: defaults run the demo on the embedded database', () => {
    const config = loadConfig({}, dir);
    expect(config.databaseUrl).toBe('file:data/barometer.db');
    expect(config.port).toBe(8787);
    expect(config.host).toBe('127.0.0.1');
    expect(config.products.map((p) => p.id)).toContain('exchange-online');
    expect(isDemoMode(config)).toBe(true);
  });

  it('reports the path of a bad field and what was expected', () => {
    const path = file('bad.json', JSON.stringify({ spikes: { threshold: 'high' }, products: [{ id: 'ok', name: 'Ok' }, { id: 'Bad Id', name: 'x' }] }));
    let message = '';
    try {
      loadConfig({ BAROMETER_CONFIG: path }, dir);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toContain(path);
    expect(message).toContain('spikes.threshold');
    expect(message).toMatch(/expected number/);
    expect(message).toContain('products.1.id');
  });

  it('says a corrupt file is not JSON, naming the file', () => {
    const path = file('corrupt.json', '{"products": [');
    expect(() => loadConfig({ BAROMETER_CONFIG: path }, dir)).toThrow(/corrupt\.json is not valid JSON/);
  });

  it('says when the named file is missing', () => {
    expect(() => loadConfig({ BAROMETER_CONFIG: join(dir, 'absent.json') }, dir)).toThrow(/cannot read config file .*absent\.json: ENOENT/);
  });

  it('names a bad environment variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' }, dir)).toThrow(/environment: PORT/);
    expect(() => loadConfig({ BAROMETER_DIGEST_TO: 'ceo@example.com, not-an-address' }, dir)).toThrow(/BAROMETER_DIGEST_TO: "not-an-address"/);
  });

  it('a config file with sources turns the demo off unless asked for', () => {
    const path = file('real.json', JSON.stringify({ sources: [{ name: 'blog', kind: 'rss', url: 'https://example.com/feed' }] }));
    const config = loadConfig({ BAROMETER_CONFIG: path }, dir);
    expect(config.sources[0]).toMatchObject({ name: 'blog', pollIntervalSeconds: 300, enabled: true });
    expect(isDemoMode(config)).toBe(false);
    expect(isDemoMode(loadConfig({ BAROMETER_CONFIG: path, BAROMETER_DEMO: 'on' }, dir))).toBe(true);
  });
});
