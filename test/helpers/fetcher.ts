/** A fetcher for tests against the loopback fixture server: loopback allowed, no politeness delay, no retries. */
import { createNodeFetcher, type NodeFetcherOptions } from '../../ingest/fetch/node.js';
import type { Fetcher } from '../../ingest/fetch/types.js';

export function testFetcher(opts: NodeFetcherOptions = {}): Fetcher & { close(): void } {
  return createNodeFetcher({ policy: { allowLoopback: true }, minHostIntervalMs: 0, retries: 0, timeoutMs: 5_000, ...opts });
}
