/** The bundled demo: a seeded Nov 2013-style dataset and a loopback server replaying it as real feeds. */
export { generateDemo, demoDatasetHash, canonicalJson, DEFAULT_DEMO_SEED } from './generate.js';
export type { DemoDataset, DemoPost, DemoTruth, DemoIncidentTruth, DemoStatusIncident, DemoBlogPost, DemoTopic } from './generate.js';
export { createDemoFeeds, DEMO_NOTICE, DEMO_SITE, DEMO_STATUS_PAGE } from './feeds.js';
export type { DemoFeeds, FeedResponse } from './feeds.js';
export { startReplayServer, demoSources, replayClock, ReplayHostError, REPLAY_HOST, DEMO_MAX_STEP_MS } from './replay-server.js';
export type { ReplayServer, ReplayServerOptions } from './replay-server.js';
export { summarizeDemo } from './summary.js';
export type { DemoSummary } from './summary.js';
