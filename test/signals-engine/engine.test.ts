import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAlerts } from '../../db/queries/alerts.js';
import { listIncidents } from '../../db/queries/incidents.js';
import { evaluateSignals } from '../../src/signals/evaluate.js';
import { AlertBus } from '../../src/signals/bus.js';
import { HOUR, MIN, T, chatter, createWorld, outagePosts, update, type World } from './world.js';

let w: World;
beforeEach(async () => {
  w = await createWorld();
  await w.store(chatter(T - 24 * HOUR, T + 3 * HOUR), T - 24 * HOUR);
});
afterEach(async () => w.close());

describe('evaluateSignals', () => {
  it('fires a spike alert once per bucket even when evaluated twice', async () => {
    const range = await w.store(outagePosts(T, 20), T + 5 * MIN);
    const bus = new AlertBus();
    const heard: string[] = [];
    bus.subscribe((e) => heard.push(`${e.alert.kind} ${e.alert.product}/${e.alert.region}`));
    const first = await evaluateSignals({ db: w.db, config: w.config, now: T + 5 * MIN, range: range!, bus });
    const spikes = first.fired.filter((a) => a.kind === 'spike');
    expect(spikes.map((a) => `${a.product}/${a.region}`).sort()).toEqual(['*/*', '*/EMEA', 'exchange-online/*', 'exchange-online/EMEA']);
    for (const a of spikes) {
      expect(a.bucketStart).toBe(T);
      expect(a.observed).toBe(20);
      expect(a.topPostIds.length).toBe(5);
    }
    const exo = spikes.find((a) => a.product === 'exchange-online' && a.region === '*')!;
    expect(exo.incidentId).not.toBeNull();
    expect(heard).toHaveLength(first.fired.length);

    const second = await evaluateSignals({ db: w.db, config: w.config, now: T + 6 * MIN, range: { from: T - HOUR, to: T + 6 * MIN }, bus });
    expect(second.fired).toEqual([]);
    expect(heard).toHaveLength(first.fired.length);
    expect((await listAlerts(w.db, { kind: 'spike' })).length).toBe(4);
  });

  it('recomputes the incident when a late official update arrives: acknowledged_at moves, the id stays', async () => {
    await w.store(outagePosts(T, 20), T + 5 * MIN);
    await evaluateSignals({ db: w.db, config: w.config, now: T + 10 * MIN, range: { from: T, to: T + 10 * MIN } });
    const [before] = await listIncidents(w.db, { product: 'exchange-online' });
    expect(before!.acknowledgedAt).toBeNull();
    expect(before!.detectedAt).toBeGreaterThanOrEqual(T);

    await w.official([update('u2', 'investigating', T + 40 * MIN)], T + 45 * MIN);
    await evaluateSignals({ db: w.db, config: w.config, now: T + 45 * MIN, range: { from: T + 40 * MIN, to: T + 45 * MIN } });
    const [mid] = await listIncidents(w.db, { product: 'exchange-online' });
    expect(mid!.id).toBe(before!.id);
    expect(mid!.acknowledgedAt).toBe(T + 40 * MIN);
    expect(mid!.officialIncidentRefs).toEqual(['INC1']);

    // an earlier update the status page only now shows (posted 20 min after the outage began)
    await w.official([update('u1', 'investigating', T + 20 * MIN)], T + 50 * MIN);
    await evaluateSignals({ db: w.db, config: w.config, now: T + 50 * MIN, range: { from: T + 45 * MIN, to: T + 50 * MIN } });
    const all = await listIncidents(w.db, { product: 'exchange-online' });
    expect(all).toHaveLength(1);
    expect(all[0]!.id).toBe(before!.id);
    expect(all[0]!.acknowledgedAt).toBe(T + 20 * MIN);
    const comms = (all[0]!.metrics as { comms: { ttaFromFirstSignalMs: number } }).comms;
    expect(comms.ttaFromFirstSignalMs).toBe(T + 20 * MIN - all[0]!.firstSignalAt);
  });

  it('fires a silence alert once the configured silence has passed, and only once', async () => {
    w.config.spikes = { ...w.config.spikes, silenceAlertMinutes: 30 };
    for (let k = 0; k < 10; k++) await w.store(outagePosts(T + k * 5 * MIN, 15), T + (k + 1) * 5 * MIN);
    const run = async (at: number) =>
      (await evaluateSignals({ db: w.db, config: w.config, now: at, range: { from: at - 5 * MIN, to: at } })).fired.filter((a) => a.kind === 'silence');
    expect(await run(T + 25 * MIN)).toEqual([]);
    const fired = await run(T + 35 * MIN);
    expect(fired).toHaveLength(1);
    expect(fired[0]!.product).toBe('exchange-online');
    expect(fired[0]!.incidentId).not.toBeNull();
    expect(fired[0]!.observed).toBeGreaterThan(30);
    expect(await run(T + 40 * MIN)).toEqual([]);
    expect(await run(T + 48 * MIN)).toEqual([]);
    expect((await listAlerts(w.db, { kind: 'silence' })).length).toBe(1);
  });

  it('fires a recovery alert when the provider resolves the incident', async () => {
    await w.store(outagePosts(T, 20), T + 5 * MIN);
    await w.official([update('u1', 'investigating', T + 10 * MIN), update('u9', 'resolved', T + 50 * MIN)], T + 55 * MIN);
    const s = await evaluateSignals({ db: w.db, config: w.config, now: T + 55 * MIN, range: { from: T, to: T + 55 * MIN } });
    const rec = s.fired.filter((a) => a.kind === 'recovery');
    expect(rec).toHaveLength(1);
    expect(rec[0]!.bucketStart).toBe(T + 50 * MIN);
    const [inc] = await listIncidents(w.db, { product: 'exchange-online' });
    expect(inc!.state).toBe('resolved');
    expect(inc!.resolvedAt).toBe(T + 50 * MIN);
  });

  it('keeps an incident left open for weeks without re-reading weeks on every evaluation', async () => {
    const old = T - 10 * 24 * HOUR;
    await w.official([update('x1', 'investigating', old, 'OLD')], old + MIN);
    await evaluateSignals({ db: w.db, config: w.config, now: old + 10 * MIN, range: { from: old, to: old + 10 * MIN } });
    const [before] = await listIncidents(w.db, { product: 'exchange-online' });
    expect(before).toMatchObject({ state: 'open', officialIncidentRefs: ['OLD'] });
    const s = await evaluateSignals({ db: w.db, config: w.config, now: T, range: { from: T - 5 * MIN, to: T } });
    const after = await listIncidents(w.db, { product: 'exchange-online' });
    expect(after.map((i) => i.id)).toEqual([before!.id]);
    expect(s.ms).toBeLessThan(5_000);
  });
});
