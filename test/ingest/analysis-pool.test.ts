/** The worker pool gives exactly what the synchronous analyser gives, through the compact wire form. */
import { describe, expect, it } from 'vitest';
import { analyzeBatch, compileCatalogue, type AnalyzeInput } from '../../analysis/index.js';
import { createAnalysisPool } from '../../ingest/analysis-pool.js';
import { decodeResults, encodeResults } from '../../ingest/analysis-wire.js';
import { genPosts } from '../../bench/gen-posts.js';
import { loadConfig } from '../../src/config.js';

const config = loadConfig({ BAROMETER_DEMO: 'off' }, process.cwd());
const def = { products: config.products, regionAliases: config.regionAliases };
const inputs: AnalyzeInput[] = [
  ...[...genPosts({ n: 600, seed: 5 })].map((p) => ({ text: p.text, ...(p.title ? { title: p.title } : {}), sourceKind: 'push' })),
  { text: '', sourceKind: 'rss' },
  { text: 'Teams down in Sydney and Dublin, no word from Microsoft, we lost orders and want a credit', title: 'Teams', sourceKind: 'reddit' },
];

describe('analysis pool', () => {
  it('returns the same analyses as analyzeBatch, in input order, split over two workers', async () => {
    const pool = createAnalysisPool(def, 2);
    try {
      const got = await pool.analyzeMany(inputs);
      expect(got).toEqual(analyzeBatch(inputs, compileCatalogue(def)));
      expect(await pool.analyzeMany([])).toEqual([]);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('round-trips every field, NaN scores included, through the wire form', () => {
    const sync = analyzeBatch(inputs, compileCatalogue(def));
    sync[0] = { ...sync[0]!, sentiment: { label: 'pos', score: Number.NaN }, outage: { flag: true, score: -0.25 }, churn: true, revenue: true };
    expect(decodeResults(encodeResults(sync))).toEqual(sync);
    expect(sync.some((a) => a.products.length > 0) && sync.some((a) => a.regions.length > 0) && sync.some((a) => a.commsComplaint)).toBe(true);
  });
});
