/** Figures about a demo dataset, for `barometer demo generate` and the docs. */
import { demoDatasetHash, type DemoDataset } from './generate.js';

export interface DemoSummary {
  seed: number;
  hash: string;
  from: string;
  to: string;
  posts: number;
  bySource: Record<string, number>;
  blogPosts: number;
  forumTopics: number;
  labels: Record<'outage' | 'commsComplaint' | 'churn' | 'revenue' | 'credit', number>;
  incidents: {
    key: string;
    product: string;
    faultStartedAt: string;
    firstSignalAt: string;
    firstOfficialAt: string;
    resolvedAt: string;
    silenceMinutes: number;
    longestGapMinutes: number;
    posts: number;
    outagePosts: number;
  }[];
}

export function summarizeDemo(dataset: DemoDataset): DemoSummary {
  const bySource: Record<string, number> = {};
  const labels = { outage: 0, commsComplaint: 0, churn: 0, revenue: 0, credit: 0 };
  for (const p of dataset.posts) {
    bySource[p.source] = (bySource[p.source] ?? 0) + 1;
    for (const k of Object.keys(labels) as (keyof typeof labels)[]) if (p.truth[k]) labels[k]++;
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    seed: dataset.seed,
    hash: demoDatasetHash(dataset),
    from: iso(dataset.from),
    to: iso(dataset.to),
    posts: dataset.posts.length,
    bySource,
    blogPosts: dataset.blogPosts.length,
    forumTopics: dataset.forumTopics.length,
    labels,
    incidents: dataset.incidents.map((i) => ({
      key: i.key,
      product: i.product,
      faultStartedAt: iso(i.faultStartedAt),
      firstSignalAt: iso(i.firstSignalAt),
      firstOfficialAt: iso(i.firstOfficialAt),
      resolvedAt: iso(i.resolvedAt),
      silenceMinutes: i.silenceMinutes,
      longestGapMinutes: i.longestGapMinutes,
      posts: i.posts,
      outagePosts: i.outagePosts,
    })),
  };
}
