import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signalsEvaluateCommand } from '../../src/commands/signals.js';
import { CliError } from '../../src/commands/types.js';
import { HOUR, MIN, T, chatter, createWorld, outagePosts, type World } from './world.js';

let w: World;
let dbUrl: string;
beforeEach(async () => {
  w = await createWorld();
  dbUrl = w.opened.url;
  await w.store(chatter(T - 24 * HOUR, T + HOUR), T - 24 * HOUR);
  await w.store(outagePosts(T, 20), T + 5 * MIN);
});
afterEach(async () => w.close());

async function run(args: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (c) => (out += c));
  await signalsEvaluateCommand.run(
    { values: args, positionals: [] },
    { stdin: new PassThrough(), stdout, stderr, env: { DATABASE_URL: dbUrl, BAROMETER_CONFIG: undefined }, cwd: '/nonexistent-dir' },
  );
  return JSON.parse(out);
}

describe('barometer signals evaluate', () => {
  it('recomputes a past range, prints what fired, and fires nothing new the second time', async () => {
    const args = { from: new Date(T - HOUR).toISOString(), to: new Date(T + HOUR).toISOString(), now: String(T + HOUR) };
    const first = await run(args);
    expect(first.alertsFired.spike).toBe(4);
    expect(first.incidents.find((i: { product: string }) => i.product === 'exchange-online').count).toBe(1);
    expect(first.measuredCostOfSilence.status).toBe('too-few');
    const again = await run(args);
    expect(again.alertsFired).toEqual({});
    expect(again.alerts).toEqual([]);
  });

  it('refuses --from after --to', async () => {
    await expect(run({ from: '2026-03-10T12:00:00Z', to: '2026-03-10T10:00:00Z' })).rejects.toBeInstanceOf(CliError);
  });
});
