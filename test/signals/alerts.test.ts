import { describe, expect, it } from 'vitest';
import { recoveryAlerts, silenceAlerts, spikeAlert, type Incident, type Spike } from '../../analysis/signals/index.js';
import { at } from './synthetic.js';

const base: Incident = {
  key: 'teams@x', product: 'teams', regions: [], state: 'open', firstSignalAt: at(0, 10, 2), detectedAt: at(0, 10, 6),
  acknowledgedAt: null, resolvedAt: null, resolvedBy: null, peak: { bucketStart: at(0, 10, 5), observed: 30, expected: 1, score: 20.5 },
  spikeBuckets: [at(0, 10, 5)], officialIncidentIds: [], updates: [],
};

describe('silence and recovery alerts', () => {
  it('fires a silence alert once nobody official has spoken for more than 30 minutes', () => {
    expect(silenceAlerts([base], at(0, 10, 30))).toEqual([]);
    const [a] = silenceAlerts([base], at(0, 10, 47));
    expect(a).toMatchObject({ kind: 'silence', product: 'teams', region: 'all', bucketStart: at(0, 10, 30), observed: 45, expected: 30, severity: 'low' });
    // still the same silent stretch later: same identity, higher severity
    expect(silenceAlerts([base], at(0, 11, 10))[0]).toMatchObject({ bucketStart: at(0, 10, 30), severity: 'medium' });
  });

  it('starts a new silent stretch after each official update', () => {
    const spoke = { ...base, acknowledgedAt: at(0, 10, 40), updates: [{ incidentId: 'MO1', updateId: 'a', status: 'investigating' as const, products: ['teams'], postedAt: at(0, 10, 40), body: '' }] };
    expect(silenceAlerts([spoke], at(0, 11, 5))).toEqual([]);
    expect(silenceAlerts([spoke], at(0, 11, 20))[0]).toMatchObject({ bucketStart: at(0, 11, 10), observed: 40 });
  });

  it('raises recovery for incidents resolved in the last day and no silence for them', () => {
    const done = { ...base, state: 'resolved' as const, resolvedAt: at(0, 11, 3), resolvedBy: 'signals' as const };
    expect(silenceAlerts([done], at(0, 12))).toEqual([]);
    expect(recoveryAlerts([done, base], at(0, 12))).toEqual([
      { kind: 'recovery', product: 'teams', region: 'all', bucketStart: at(0, 11), observed: 30, expected: 1, score: 0, severity: 'low', incidentKey: 'teams@x' },
    ]);
    expect(recoveryAlerts([done], at(2, 12))).toEqual([]);
  });

  it('turns a spike into an alert row', () => {
    const spike: Spike = { product: 'teams', region: 'EMEA', bucketStart: at(0, 10, 5), observed: 12, expected: 1, score: 7.8, fired: true, severity: 'low', baseline: 'seasonal', weeksUsed: 4 };
    expect(spikeAlert(spike, 'teams@x')).toMatchObject({ kind: 'spike', region: 'EMEA', observed: 12, expected: 1, incidentKey: 'teams@x' });
  });
});
