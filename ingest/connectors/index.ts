/** Connector registry by source kind. */
import type { Connector, SourceKind } from '../types.js';
import { blueskyConnector } from './bluesky.js';
import { discourseConnector } from './discourse.js';
import { hackernewsConnector } from './hackernews.js';
import { mastodonConnector } from './mastodon.js';
import { redditConnector } from './reddit.js';
import { rssConnector } from './rss.js';
import { statuspageConnector } from './statuspage.js';

export const connectors: Readonly<Record<SourceKind, Connector>> = {
  rss: rssConnector,
  reddit: redditConnector,
  hackernews: hackernewsConnector,
  mastodon: mastodonConnector,
  bluesky: blueskyConnector,
  discourse: discourseConnector,
  statuspage: statuspageConnector,
};

export const SOURCE_KINDS = Object.keys(connectors) as SourceKind[];

/** True for kinds that are pulled (push/import sources are not). */
export function isPullKind(kind: string): kind is SourceKind {
  return Object.prototype.hasOwnProperty.call(connectors, kind);
}

/** The connector for `kind`; throws for unknown kinds and for `push`. */
export function getConnector(kind: string): Connector {
  if (!isPullKind(kind)) throw new Error(`no connector for source kind "${kind}" (known: ${SOURCE_KINDS.join(', ')})`);
  return connectors[kind];
}

export { parseFeed, discoverFeedLinks } from './rss.js';
export { normaliseStatus, statuspageUrl } from './statuspage.js';
export { authorHash, DEFAULT_MAX_PAGES } from './common.js';
