export * from './buckets.js';
export * from './stats.js';
export * from './spikes.js';
export * from './incidents.js';
export * from './comms.js';
export * from './cost.js';
export * from './alerts.js';
export * from './pipeline.js';
