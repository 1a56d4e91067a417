export * from './buckets.js';
export * from './stats.js';
export * from './spikes.js';
