/**
 * A loopback-only HTTP server that replays the demo dataset as real feeds (feeds.ts), with
 * content types, ETag / If-None-Match → 304 and an optional moving "now" so connectors see the
 * data arrive as it did. `demoSources(url)` gives the config entries that point Barometer at it.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SourceConfigEntry } from '../config.js';
import { createDemoFeeds, type DemoFeedOptions, type DemoFeeds } from './feeds.js';
import type { DemoDataset } from './generate.js';

export const REPLAY_HOST = '127.0.0.1';

export interface ReplayServerOptions extends DemoFeedOptions {
  dataset: DemoDataset;
  port?: number;
  /** Must be 127.0.0.1: the replay server never listens beyond loopback. */
  host?: string;
  /** Dataset time the feeds show (items published later are hidden): a fixed ms or a clock. Default: the end. */
  asOf?: number | (() => number);
}

export interface ReplayServer {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  server: Server;
  feeds: DemoFeeds;
  close(): Promise<void>;
}

export class ReplayHostError extends Error {
  override name = 'ReplayHostError';
}

function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** If-None-Match matches when any listed tag (weak or strong) equals ours, or it is "*". */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v.replace(/^W\//, '') === etag;
  });
}

export async function startReplayServer(options: ReplayServerOptions): Promise<ReplayServer> {
  const host = options.host ?? REPLAY_HOST;
  if (host !== REPLAY_HOST) throw new ReplayHostError(`the demo replay server binds ${REPLAY_HOST} only, not "${host}"`);
  const { dataset } = options;
  let feeds: DemoFeeds | null = null;
  const asOf = () => (typeof options.asOf === 'function' ? options.asOf() : options.asOf ?? dataset.to);

  const server = createServer((req, res) => {
    const common = { 'X-Barometer-Demo': '1', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...common, Allow: 'GET, HEAD', 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: 'Method not allowed' }));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let doc;
    try {
      doc = feeds?.render(url.pathname, url.searchParams, asOf()) ?? null;
    } catch (error) {
      process.stderr.write(`demo replay: ${req.url}: ${(error as Error).message}\n`);
      res.writeHead(500, { ...common, 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: 'Internal error' }));
      return;
    }
    if (!doc) {
      res.writeHead(404, { ...common, 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: 'Record not found' }));
      return;
    }
    const etag = etagOf(doc.body);
    const headers = { ...common, ...doc.headers, ETag: etag, Vary: 'Accept-Encoding' };
    if (doc.status === 200 && etagMatches(req.headers['if-none-match'], etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(doc.status, { ...headers, 'Content-Type': doc.contentType, 'Content-Length': Buffer.byteLength(doc.body) });
    res.end(req.method === 'HEAD' ? undefined : doc.body);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, REPLAY_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${REPLAY_HOST}:${address.port}`;
  feeds = createDemoFeeds(dataset, url, options);
  return {
    url,
    server,
    feeds,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * Source entries (the shape of `sources` in barometer.config.json) that pull the replay server.
 * They point at loopback, so the fetcher that pulls them needs `policy: { allowLoopback: true }`.
 */
export function demoSources(baseUrl: string): SourceConfigEntry[] {
  const base = baseUrl.replace(/\/$/, '');
  const common = { official: false, pollIntervalSeconds: 60, enabled: true } as const;
  return [
    { ...common, name: '[DEMO] Blog comments', kind: 'rss', url: `${base}/blog/feed/`, options: { demo: true, allowLoopback: true, discoverComments: true, maxCommentFeeds: 50 } },
    { ...common, name: '[DEMO] Community forum', kind: 'discourse', url: `${base}/posts.json`, options: { demo: true, allowLoopback: true, maxPages: 50 } },
    { ...common, name: '[DEMO] Social #office365', kind: 'mastodon', url: `${base}/api/v1/timelines/tag/office365`, options: { demo: true, allowLoopback: true, limit: 40, maxPages: 50 } },
    { ...common, name: '[DEMO] Provider status page', kind: 'statuspage', url: `${base}/api/v2/incidents.json`, official: true, options: { demo: true, allowLoopback: true } },
  ];
}

/**
 * The most dataset time a live replay may advance between two pulls of `demoSources` and still
 * lose nothing: the busiest 6 hours (incident A) hold about 1,500 statuses, under the 50 × 40 a
 * Mastodon pull pages through (Discourse: 50 × 50). A one-shot pull of the whole dataset gets
 * only the newest 2,000–2,500 social and forum posts.
 */
export const DEMO_MAX_STEP_MS = 6 * 3_600_000;

/**
 * A dataset clock for live replay: starts at `from` when created and runs `speed` times faster
 * than `now`. Keep `speed × poll interval` ≤ DEMO_MAX_STEP_MS: with the 60 s polls of
 * `demoSources` that is speed ≤ 360 (the five weeks in about 2 h 20 min); faster needs shorter polls.
 */
export function replayClock(from: number, speed: number, now: () => number = Date.now): () => number {
  const start = now();
  return () => from + (now() - start) * speed;
}
