/**
 * The deterministic demo dataset: five weeks of ordinary customer chatter about a cloud suite, and
 * the two November 2013-style incidents (mail delay; a Lync gray failure) with their official
 * silence, sparse updates and the anger in between. Same seed, same bytes.
 */
import { createHash } from 'node:crypto';
import type { MacroRegion, SentimentLabel } from '../../analysis/types.js';
import { defaultProducts } from '../default-catalogue.js';
import { compose, type Category, type IncidentMoment } from './compose.js';
import { createRng, type Rng } from './prng.js';
import { regionShare, zones, type Zone } from './places.js';
import { blogPlans, demoWindow, incidentPlans, statusComponents, type IncidentPlan, type OfficialStatus, type StatusComponent } from './timeline.js';

export type DemoSourceKind = 'blog' | 'forum' | 'social';

/** What a post really says; kept for evaluating the classifiers, never served in feeds. */
export interface DemoTruth {
  outage: boolean;
  products: string[];
  regions: MacroRegion[];
  commsComplaint: boolean;
  churn: boolean;
  revenue: boolean;
  credit: boolean;
  sentiment: SentimentLabel;
  /** Which incident the post belongs to, or null for background chatter. */
  incident: 'A' | 'B' | null;
  category: Category;
}

export interface DemoPost {
  source: DemoSourceKind;
  /** WordPress comment id, Discourse post id or Mastodon status id (time-ordered snowflake). */
  externalId: string;
  author: string;
  title?: string;
  text: string;
  publishedAt: number;
  /** Blog post slug, Discourse topic id, or the social tag timeline. */
  threadId: string;
  truth: DemoTruth;
}

export interface DemoBlogPost {
  slug: string;
  /** WordPress post id. */
  id: number;
  title: string;
  author: string;
  publishedAt: number;
  html: string;
}

export interface DemoTopic {
  id: number;
  slug: string;
  title: string;
  author: string;
  createdAt: number;
  categoryId: number;
}

export interface DemoStatusUpdate {
  id: string;
  status: OfficialStatus;
  body: string;
  createdAt: number;
}

export interface DemoStatusIncident {
  id: string;
  name: string;
  impact: 'minor' | 'major' | 'critical';
  product: string;
  componentIds: string[];
  createdAt: number;
  resolvedAt: number;
  updates: DemoStatusUpdate[];
}

/** Evaluation facts about each modelled incident (computed from the generated posts). */
export interface DemoIncidentTruth {
  key: 'A' | 'B';
  product: string;
  regions: MacroRegion[];
  statusIncidentId: string;
  faultStartedAt: number;
  firstSignalAt: number;
  firstOfficialAt: number;
  resolvedAt: number;
  /** firstOfficialAt − firstSignalAt, minutes. */
  silenceMinutes: number;
  /** Longest gap between official updates while open, minutes. */
  longestGapMinutes: number;
  posts: number;
  outagePosts: number;
}

export interface DemoDataset {
  version: 1;
  seed: number;
  from: number;
  to: number;
  /** Mastodon hashtag every social post carries. */
  socialTag: string;
  posts: DemoPost[];
  blogPosts: DemoBlogPost[];
  forumTopics: DemoTopic[];
  statusComponents: StatusComponent[];
  statusIncidents: DemoStatusIncident[];
  incidents: DemoIncidentTruth[];
}

export const DEFAULT_DEMO_SEED = 20131108;
const MIN = 60_000;
const HOUR = 60 * MIN;
const BACKGROUND_TARGET = 17_600;

/** Share of activity by local hour on a weekday; weekends are a quarter of this. */
const diurnal = [0.08, 0.05, 0.04, 0.04, 0.05, 0.1, 0.25, 0.55, 0.9, 1, 1, 0.95, 0.8, 0.9, 1, 0.95, 0.85, 0.6, 0.42, 0.36, 0.3, 0.24, 0.17, 0.11];

function activity(zone: Zone, t: number): number {
  const local = new Date(t + zone.offsetMs(t));
  const day = local.getUTCDay();
  const w = diurnal[local.getUTCHours()] ?? 0;
  return day === 0 || day === 6 ? w * 0.25 : w;
}

const productWeights: readonly (readonly [string, number])[] = [
  ['exchange-online', 34], ['sharepoint-online', 20], ['lync-online', 15], ['onedrive', 12], ['office-web-apps', 10], ['identity', 9],
];
const backgroundCategories: readonly (readonly [Category, number])[] = [['howto', 25], ['chatter', 21], ['praise', 18], ['gripe', 27], ['isolated', 3.2]];
const sourceWeights: readonly (readonly [DemoSourceKind, number])[] = [['social', 58], ['forum', 27], ['blog', 15]];

interface Event {
  t: number;
  seq: number;
  zone: Zone;
  source: DemoSourceKind;
  plan?: IncidentPlan;
}

const zoneWeights = new Map<MacroRegion, (readonly [Zone, number])[]>();
for (const z of zones) {
  const list = zoneWeights.get(z.region) ?? [];
  list.push([z, z.share]);
  zoneWeights.set(z.region, list);
}

function pickZone(rng: Rng, region: MacroRegion): Zone {
  return rng.weighted(zoneWeights.get(region) ?? [[zones[0]!, 1]]);
}

function backgroundEvents(rng: Rng, out: Event[]): void {
  const hours: number[] = [];
  for (let t = demoWindow.from; t < demoWindow.to; t += HOUR) hours.push(t);
  let total = 0;
  for (const z of zones) for (const t of hours) total += activity(z, t + 30 * MIN) * regionShare[z.region] * z.share;
  const scale = BACKGROUND_TARGET / total;
  for (const t of hours) {
    for (const z of zones) {
      const n = rng.poisson(activity(z, t + 30 * MIN) * regionShare[z.region] * z.share * scale);
      for (let i = 0; i < n; i++) {
        out.push({ t: t + rng.int(0, 3599) * 1000, seq: out.length, zone: z, source: rng.weighted(sourceWeights) });
      }
    }
  }
}

/** Posts per minute for an incident at time t: a ramp before anyone speaks, a plateau, a decay, a tail. */
function incidentRate(plan: IncidentPlan, t: number): number {
  const start = plan.faultStartedAt + 4 * MIN;
  if (t < start) return 0;
  const monitoring = plan.updates.find((u) => u.status === 'monitoring')?.at ?? plan.updates[plan.updates.length - 1]!.at;
  const resolved = plan.updates[plan.updates.length - 1]!.at;
  const sinceStart = (t - start) / MIN;
  let rate: number;
  if (t < monitoring) rate = plan.peakPerMinute * Math.min(1, 0.08 + sinceStart / 55);
  else if (t < resolved + 3 * HOUR) rate = Math.max(0.1, plan.peakPerMinute * Math.exp(-(t - monitoring) / (75 * MIN)));
  else rate = 0;
  const tailEnd = resolved + 30 * HOUR;
  if (t >= resolved && t < tailEnd) rate += 0.12 * Math.exp(-(t - resolved) / (10 * HOUR));
  // People pile in right after an update (to react) and as anger builds in long silences.
  for (const u of plan.updates) if (t >= u.at && t < u.at + 20 * MIN) rate *= 1.35;
  return rate;
}

function incidentEvents(rng: Rng, plan: IncidentPlan, out: Event[]): void {
  if (plan.peakPerMinute <= 0) return;
  const end = plan.updates[plan.updates.length - 1]!.at + 30 * HOUR;
  for (let m = plan.faultStartedAt; m < end; m += MIN) {
    const n = rng.poisson(incidentRate(plan, m));
    for (let i = 0; i < n; i++) {
      const region = rng.weighted(plan.regions);
      const source = rng.weighted([['social', 55], ['forum', 30], ['blog', 15]] as const);
      out.push({ t: m + rng.int(0, 59) * 1000, seq: out.length, zone: pickZone(rng, region), source, plan });
    }
  }
}

function moment(plan: IncidentPlan, t: number): IncidentMoment {
  const first = plan.updates[0]!;
  const resolved = plan.updates[plan.updates.length - 1]!;
  const last = [...plan.updates].reverse().find((u) => u.at <= t);
  const since = last ? last.at : plan.faultStartedAt;
  return {
    key: plan.key === 'B' ? 'B' : 'A',
    silenceMinutes: (t - since) / MIN,
    acknowledged: t >= first.at,
    resolved: t >= resolved.at,
    ackMinutes: (first.at - plan.faultStartedAt) / MIN,
  };
}

function incidentCategory(rng: Rng, m: IncidentMoment, plan: IncidentPlan, t: number): Category {
  const monitoring = plan.updates.find((u) => u.status === 'monitoring')?.at ?? Infinity;
  const s = m.silenceMinutes;
  if (m.resolved) return rng.weighted([['recovered', 2.5], ['credit', 3], ['churn', 1.6], ['comms', 2.5], ['thanks', 0.8], ['revenue', 0.6]]);
  if (!m.acknowledged) {
    return rng.weighted([['report', 5], ['metoo', 3], ['question', Math.max(0.3, 1.6 - s / 60)], ['comms', Math.min(4.5, s / 18)], ['revenue', 0.6 + s / 70], ['churn', 0.15 + s / 80], ['credit', 0.1]]);
  }
  const recovering = t >= monitoring ? 3.5 : 0;
  if (s < 30) return rng.weighted([['thanks', 3], ['report', 2], ['metoo', 1], ['comms', 0.5], ['revenue', 0.8], ['churn', 0.5], ['credit', 0.4], ['recovered', recovering]]);
  return rng.weighted([['report', 3], ['metoo', 2], ['question', 0.7], ['comms', Math.min(5.5, s / 22)], ['revenue', 1.2], ['churn', 0.8 + s / 100], ['credit', 0.6], ['recovered', recovering]]);
}

const firstNames = ['john', 'sarah', 'mike', 'anna', 'david', 'lisa', 'tom', 'maria', 'chris', 'emma', 'raj', 'priya', 'li', 'wei', 'hans', 'sofia', 'luca', 'pierre', 'kenji', 'yuki', 'carlos', 'ana', 'olga', 'ahmed', 'fatima', 'kwame', 'jess', 'ben', 'nina', 'omar', 'grace', 'sam', 'alex', 'pat', 'dan', 'kate'];
const lastNames = ['smith', 'jones', 'miller', 'garcia', 'kumar', 'nguyen', 'schmidt', 'rossi', 'dubois', 'tanaka', 'silva', 'kowalski', 'obrien', 'chen', 'patel', 'berg', 'novak', 'walker', 'lee', 'martin'];
const roles = ['it', 'admin', 'sysadmin', 'ops', 'helpdesk', 'tech', 'msp', 'o365', 'cloud', 'infra', 'netadmin'];

function makeAuthors(rng: Rng): Map<Zone, string[]> {
  const byZone = new Map<Zone, string[]>();
  const seen = new Set<string>();
  for (const z of zones) {
    const n = Math.round(2600 * regionShare[z.region] * z.share) + 20;
    const list: string[] = [];
    while (list.length < n) {
      const f = rng.pick(firstNames);
      const l = rng.pick(lastNames);
      const city = rng.pick(z.cities).toLowerCase().replace(/[^a-z]/g, '');
      const handle = rng.weighted([
        [`${f}${l[0]}`, 2], [`${f}.${l}`, 2], [`${f[0]}${l}${rng.int(1, 99)}`, 2], [`${f}_${rng.pick(roles)}`, 2],
        [`${city}_${rng.pick(roles)}`, 1], [`${rng.pick(roles).toUpperCase()}guy${rng.int(1, 999)}`, 0.6], [`${l}${f}${rng.int(70, 99)}`, 1],
      ] as const);
      if (seen.has(handle)) continue;
      seen.add(handle);
      list.push(handle);
    }
    byZone.set(z, list);
  }
  return byZone;
}

/** A few people write a lot: pick with a skew toward the head of the list. */
function pickAuthor(rng: Rng, list: readonly string[]): string {
  return list[Math.floor(list.length * Math.pow(rng.next(), 2.2))] ?? list[0]!;
}

function slugify(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'topic';
}

export function generateDemo(options: { seed?: number } = {}): DemoDataset {
  const seed = (options.seed ?? DEFAULT_DEMO_SEED) >>> 0;
  const rng = createRng(seed);
  const authors = makeAuthors(rng.fork('authors'));

  const events: Event[] = [];
  backgroundEvents(rng.fork('background'), events);
  for (const plan of incidentPlans) incidentEvents(rng.fork(`incident-${plan.key}`), plan, events);
  events.sort((a, b) => a.t - b.t || a.seq - b.seq);

  const blogPosts: DemoBlogPost[] = blogPlans.map((b, i) => ({
    slug: b.slug,
    id: 1200 + i * 7,
    title: b.title,
    author: 'The Office 365 Team (demo)',
    publishedAt: b.publishedAt,
    html: b.paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
  }));

  const textRng = rng.fork('text');
  const posts: DemoPost[] = [];
  const topics: DemoTopic[] = [];
  const topicProduct = new Map<number, string>();
  const topicPostCount = new Map<number, number>();
  let recentTopics: DemoTopic[] = [];
  const megathread = new Map<string, DemoTopic>();
  let nextTopicId = 4100;
  let openBlogCount = 0;
  let commentSeq = 31000;
  let forumPostSeq = 52000;
  let lastSocialAt = -1;
  let socialSeq = 0;

  for (const e of events) {
    const r = textRng;
    const plan = e.plan;
    const m = plan ? moment(plan, e.t) : undefined;
    const category: Category = plan && m ? incidentCategory(r, m, plan, e.t) : r.weighted(backgroundCategories);
    let product = plan ? plan.product : r.weighted(productWeights);
    const author = pickAuthor(r, authors.get(e.zone)!);
    let threadId: string;
    let withTitle = false;
    let reply = false;
    let newTopic: DemoTopic | undefined;

    if (e.source === 'blog') {
      while (openBlogCount < blogPosts.length && blogPosts[openBlogCount]!.publishedAt <= e.t - 10 * MIN) openBlogCount++;
      const open = blogPosts.slice(0, Math.max(1, openBlogCount));
      const pm = plan ? blogPlans.findIndex((b) => b.postmortemFor === plan.key && b.publishedAt <= e.t - 10 * MIN) : -1;
      let chosen: DemoBlogPost | undefined;
      if (pm >= 0 && r.chance(0.85)) chosen = blogPosts[pm];
      else if (plan) chosen = open[open.length - (r.chance(0.8) ? 1 : 2)];
      else chosen = r.weighted(open.map((b) => [b, Math.exp(-(e.t - b.publishedAt) / (4 * 24 * HOUR))] as const));
      threadId = (chosen ?? open[open.length - 1] ?? blogPosts[0]!).slug;
      reply = true;
    } else if (e.source === 'forum') {
      let drop = 0;
      while (drop < recentTopics.length && e.t - recentTopics[drop]!.createdAt >= 72 * HOUR) drop++;
      if (drop) recentTopics = recentTopics.slice(drop);
      let topic: DemoTopic | undefined;
      if (plan) {
        const mega = megathread.get(plan.key);
        if (mega && r.chance(0.78)) topic = mega;
        else if (mega && r.chance(0.5)) topic = r.pick(recentTopics);
      } else if (recentTopics.length && r.chance(0.68)) {
        topic = r.weighted(recentTopics.map((t) => [t, Math.exp(-(e.t - t.createdAt) / (18 * HOUR))] as const));
      }
      if (topic) {
        reply = true;
        if (!plan && r.chance(0.7)) product = topicProduct.get(topic.id) ?? product;
      } else {
        withTitle = true;
        newTopic = { id: nextTopicId++, slug: '', title: '', author, createdAt: e.t, categoryId: plan ? 6 : 5 };
        topic = newTopic;
      }
      threadId = String(topic.id);
    } else {
      threadId = 'tag:office365';
    }

    const c = compose({ rng: r, source: e.source, category, product, zone: e.zone, localMs: e.t + e.zone.offsetMs(e.t), incident: m, withTitle, reply });

    if (newTopic) {
      newTopic.title = c.title ?? 'Question';
      newTopic.slug = slugify(newTopic.title);
      topics.push(newTopic);
      recentTopics.push(newTopic);
      topicProduct.set(newTopic.id, product);
      if (plan && !megathread.has(plan.key)) megathread.set(plan.key, newTopic);
    }
    let externalId: string;
    if (e.source === 'blog') externalId = String(commentSeq++);
    else if (e.source === 'forum') {
      externalId = String(forumPostSeq++);
      topicPostCount.set(Number(threadId), (topicPostCount.get(Number(threadId)) ?? 0) + 1);
    } else {
      // Mastodon-style snowflake: ms << 16 | a sequence within that ms, so ids grow with time.
      socialSeq = e.t === lastSocialAt ? socialSeq + 1 : 0;
      lastSocialAt = e.t;
      externalId = ((BigInt(e.t) << 16n) | BigInt(socialSeq)).toString();
    }

    // Plain literals (no spreads) keep one object shape for every post: faster, less garbage.
    const truth: DemoTruth = {
      outage: c.flags.outage,
      products: c.products,
      regions: c.regions,
      commsComplaint: c.flags.commsComplaint,
      churn: c.flags.churn,
      revenue: c.flags.revenue,
      credit: c.flags.credit,
      sentiment: c.sentiment,
      incident: plan && plan.key !== 'minor' ? plan.key : null,
      category,
    };
    posts.push({ source: e.source, externalId, author, title: c.title, text: c.text, publishedAt: e.t, threadId, truth });
  }

  const statusIncidents: DemoStatusIncident[] = incidentPlans.map((p) => ({
    id: p.statusIncidentId,
    name: p.name,
    impact: p.impact,
    product: p.product,
    componentIds: statusComponents.filter((c) => p.components.includes(c.name)).map((c) => c.id),
    createdAt: p.updates[0]!.at,
    resolvedAt: p.updates[p.updates.length - 1]!.at,
    updates: p.updates.map((u, i) => ({ id: `${p.statusIncidentId}u${i + 1}`, status: u.status, body: u.body, createdAt: u.at })),
  }));

  const incidents: DemoIncidentTruth[] = incidentPlans.filter((p) => p.key !== 'minor').map((p) => {
    const mine = posts.filter((x) => x.truth.incident === p.key);
    const firstSignalAt = mine.find((x) => x.truth.outage)?.publishedAt ?? p.faultStartedAt;
    const firstOfficialAt = p.updates[0]!.at;
    let longest = 0;
    for (let i = 1; i < p.updates.length; i++) longest = Math.max(longest, p.updates[i]!.at - p.updates[i - 1]!.at);
    return {
      key: p.key as 'A' | 'B',
      product: p.product,
      regions: p.regions.map(([r]) => r).sort(),
      statusIncidentId: p.statusIncidentId,
      faultStartedAt: p.faultStartedAt,
      firstSignalAt,
      firstOfficialAt,
      resolvedAt: p.updates[p.updates.length - 1]!.at,
      silenceMinutes: Math.round((firstOfficialAt - firstSignalAt) / MIN),
      longestGapMinutes: Math.round(longest / MIN),
      posts: mine.length,
      outagePosts: mine.filter((x) => x.truth.outage).length,
    };
  });

  return {
    version: 1,
    seed,
    from: demoWindow.from,
    to: demoWindow.to,
    socialTag: 'office365',
    posts,
    blogPosts,
    forumTopics: topics,
    statusComponents: [...statusComponents],
    statusIncidents,
    incidents,
  };
}

/** Key-sorted JSON, so the hash does not depend on property order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const obj = v as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(obj).sort()) sorted[k] = obj[k];
    return sorted;
  }) ?? 'null';
}

function keyCount(o: object): number {
  let n = 0;
  for (const _k in o) n++;
  return n;
}

/** canonicalJson(post) for the known post shape without the generic replacer (4x faster). */
function postCanonical(p: DemoPost): string {
  const t = p.truth;
  // A post with fields this writer does not know about takes the generic path (same bytes, slower).
  if (keyCount(p) !== ('title' in p ? 8 : 7) || keyCount(t) !== 10) return canonicalJson(p);
  const s = JSON.stringify;
  const title = p.title === undefined ? '' : `,"title":${s(p.title)}`;
  return (
    `{"author":${s(p.author)},"externalId":${s(p.externalId)},"publishedAt":${s(p.publishedAt)},"source":${s(p.source)},"text":${s(p.text)},"threadId":${s(p.threadId)}${title},` +
    `"truth":{"category":${s(t.category)},"churn":${s(t.churn)},"commsComplaint":${s(t.commsComplaint)},"credit":${s(t.credit)},"incident":${s(t.incident)},"outage":${s(t.outage)},` +
    `"products":${s(t.products)},"regions":${s(t.regions)},"revenue":${s(t.revenue)},"sentiment":${s(t.sentiment)}}}`
  );
}

/** sha-256 (hex) over the canonical JSON of the whole dataset, one post at a time. */
export function demoDatasetHash(dataset: DemoDataset): string {
  const h = createHash('sha256');
  const { posts, ...rest } = dataset;
  h.update(canonicalJson(rest));
  for (const p of posts) h.update(postCanonical(p));
  return h.digest('hex');
}

/** Product ids the demo uses (the default catalogue). */
export const demoProducts = defaultProducts.map((p) => p.id);
