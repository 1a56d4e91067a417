/**
 * Generates N posts in the push/import item shape (README "Push and import"), streaming and seeded:
 * realistic enough to exercise analysis (products, regions, outage, comms, churn, credit wording).
 *
 *   npx tsx bench/gen-posts.ts --posts 200000 [--seed 1] [--source bench] [--days 30] > posts.jsonl
 *
 * Library use: `genPosts({ n })` yields items; `writePostsJsonl(path, opts)` writes a file.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { mulberry32 as rng } from '../analysis/signals/stats.js';

export interface GenOptions {
  n: number;
  seed?: number;
  source?: string;
  /** Spread of published_at (default 30 days, ending at `end`). */
  days?: number;
  end?: number;
  /** Number of distinct sources (names `${source}-${i}`); default 1 (just `source`). */
  sources?: number;
}

export interface GenItem {
  source: string;
  external_id: string;
  text: string;
  title?: string;
  url?: string;
  author?: string;
  published_at: string;
}

const products = ['Exchange Online', 'EXO', 'Outlook', 'OWA', 'Lync', 'Skype for Business', 'SharePoint', 'OneDrive', 'Teams', 'the admin portal', 'mail'];
const places = ['Europe', 'EMEA', 'the US', 'Chicago', 'London', 'Dublin', 'Amsterdam', 'Sydney', 'Tokyo', 'Brazil', 'eu-west-1', 'westeurope', 'Texas', 'Canada', 'India', ''];
const troubles = [
  '{p} is down again',
  '{p} not loading for anyone here',
  'cannot send mail through {p}, messages stuck in the outbox',
  '{p} outage? getting 500 errors',
  'is {p} broken for anyone else',
  '{p} extremely slow this morning',
  'users cannot sign in to {p}',
];
const calm = [
  'How do I set up a shared mailbox in {p}?',
  'Migrated the whole team to {p} last week, went smoothly',
  'Anyone know if {p} supports retention labels yet?',
  'Love the new {p} search, much faster',
  'Training session on {p} tomorrow',
  'Quick tip: {p} keyboard shortcuts save so much time',
  'Our licence renewal for {p} is due next month',
];
const tails = [
  '',
  '',
  'No updates from Microsoft yet.',
  'Status page still says everything is fine.',
  'Radio silence from support.',
  'We are seriously considering switching to Google Workspace.',
  'Our customers cannot place orders, we are losing sales.',
  'We expect a service credit for this.',
  'Thanks for the quick fix!',
  'Great support as always.',
  '😡',
  'ugh.',
];


export function* genPosts(o: GenOptions): Generator<GenItem> {
  const r = rng(o.seed ?? 1);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const end = o.end ?? Date.UTC(2026, 0, 1);
  const span = (o.days ?? 30) * 86_400_000;
  const start = end - span;
  const base = o.source ?? 'bench';
  const nSources = Math.max(1, o.sources ?? 1);
  for (let i = 0; i < o.n; i++) {
    // Roughly chronological with jitter, as history exports are.
    const t = Math.floor(start + (span * i) / o.n + (r() - 0.5) * 600_000);
    const trouble = r() < 0.35;
    const p = pick(products);
    const place = pick(places);
    let text = pick(trouble ? troubles : calm).replace('{p}', p);
    if (place) text += ` in ${place}`;
    const tail = pick(tails);
    if (tail) text += `. ${tail}`;
    text += ` (#${i % 9973})`;
    const item: GenItem = {
      source: nSources === 1 ? base : `${base}-${i % nSources}`,
      external_id: `b${i}`,
      text,
      published_at: new Date(t).toISOString(),
    };
    if (r() < 0.3) item.title = trouble ? `${p} problems` : `Question about ${p}`;
    if (r() < 0.5) item.author = `user${Math.floor(r() * 50_000)}`;
    if (r() < 0.5) item.url = `https://forum.example.com/t/${i}`;
    yield item;
  }
}

/** Writes genPosts as JSONL to a file (or a stream), honouring backpressure. */
export async function writePostsJsonl(out: NodeJS.WritableStream | string, o: GenOptions): Promise<void> {
  const stream = typeof out === 'string' ? createWriteStream(out) : out;
  let buf = '';
  for (const item of genPosts(o)) {
    buf += JSON.stringify(item) + '\n';
    if (buf.length > 1 << 16) {
      if (!stream.write(buf)) await once(stream, 'drain');
      buf = '';
    }
  }
  if (buf) stream.write(buf);
  if (typeof out === 'string') {
    (stream as NodeJS.WritableStream).end();
    await once(stream, 'finish');
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  const { values } = parseArgs({
    options: {
      posts: { type: 'string', default: '200000' },
      seed: { type: 'string', default: '1' },
      source: { type: 'string', default: 'bench' },
      days: { type: 'string', default: '30' },
      sources: { type: 'string', default: '1' },
    },
  });
  await writePostsJsonl(process.stdout, {
    n: Number(values.posts),
    seed: Number(values.seed),
    source: values.source!,
    days: Number(values.days),
    sources: Number(values.sources),
  });
}
