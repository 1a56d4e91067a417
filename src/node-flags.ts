/**
 * V8 heap flags every long-running Barometer process starts with (docs/decisions.md, "node heap
 * flags"): a 2 MB young generation and a 256 MB old-generation limit keep an ingest's peak RSS
 * around 200 MB whatever the input size, where V8's defaults let the heap grow to ~4× what is live.
 * `npm start` (package.json) and bin/barometer.js's shebang spell them out (a shebang cannot import);
 * test/foundation/node-flags.test.ts checks all three agree. The benches start children with them.
 */
export const NODE_HEAP_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--max-old-space-size=256'];
