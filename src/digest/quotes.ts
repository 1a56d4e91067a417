/**
 * The three most representative customer quotes of a day: among the day's outage, negative and
 * comms-complaint posts, those whose words are most shared with the others (typical, not odd),
 * weighted towards comms complaints and churn intent, short, and unlike each other. Pure.
 * Personal data is scrubbed: e-mail addresses, @handles and phone-like numbers become "…".
 */
export interface QuoteInput {
  id: number;
  text: string;
  publishedAt: number;
  commsComplaint: boolean;
  churn: boolean;
  outageScore: number;
  sourceName: string;
  sourceKind: string;
  products: string[];
}

export interface Quote {
  postId: number;
  text: string;
  publishedAt: number;
  source: string;
  products: string[];
}

const STOP = new Set(
  'the a an and or but to of in on for is are was were be been it its this that with at from as by we our us you your i my me they them not no so just have has had do does did can cant could will would all any still again there here what why how when'.split(' '),
);

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []).filter((w) => w.length > 2 && !STOP.has(w));
}

const kindLabels: Record<string, string> = {
  rss: 'blog comments',
  reddit: 'Reddit',
  hackernews: 'Hacker News',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  discourse: 'forum',
  push: 'pushed post',
};

/** "forum · demo-forum": the kind of place, and the source as configured. */
export function sourceLabel(name: string, kind: string): string {
  const k = kindLabels[kind] ?? kind;
  return name && name !== k ? `${k} · ${name}` : k;
}

export function scrub(text: string): string {
  return text
    .replace(/^(\s*@[\w.-]+(@[\w.-]+)?[,:]?\s+)+/, '')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '…')
    .replace(/(^|[^\w])@[\w.-]+(@[\w.-]+)?/g, '$1@…')
    .replace(/\+?\d[\d ()-]{7,}\d/g, '…');
}

/** At most `max` characters, cut at a word boundary with an ellipsis. */
export function shorten(text: string, max = 160): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const at = cut.lastIndexOf(' ');
  return `${(at > max * 0.6 ? cut.slice(0, at) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  const union = a.size + b.size - inter;
  return union ? inter / union : 0;
}

export function pickQuotes(candidates: readonly QuoteInput[], n = 3): Quote[] {
  const docs = candidates
    .map((c) => ({ c, text: shorten(scrub(c.text)), set: new Set(words(c.text)) }))
    .filter((d) => d.set.size >= 3 && d.text.length >= 20);
  if (docs.length === 0) return [];
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d.set) df.set(w, (df.get(w) ?? 0) + 1);
  const scored = docs.map((d) => {
    let sum = 0;
    for (const w of d.set) sum += (df.get(w) ?? 0) / docs.length;
    const typical = sum / Math.sqrt(d.set.size);
    const weight = 1 + (d.c.commsComplaint ? 0.5 : 0) + (d.c.churn ? 0.3 : 0) + Math.min(1, d.c.outageScore) * 0.2;
    const long = d.c.text.length > 220 ? 0.8 : 1;
    return { ...d, score: typical * weight * long };
  });
  scored.sort((a, b) => b.score - a.score || a.c.id - b.c.id);
  // Off-topic posts (words nobody else used) stay out even when their source kind is missing.
  const floor = (scored[0]?.score ?? 0) * 0.35;
  const relevant = scored.filter((d) => d.score >= floor);
  const chosen: typeof scored = [];
  const unlike = (d: (typeof scored)[number]) => !chosen.some((x) => jaccard(x.set, d.set) > 0.5 || x.text === d.text);
  // First pass: one per kind of source (blog, forum, social…), so the quotes show where people spoke; then fill.
  for (const d of relevant) {
    if (chosen.length >= n) break;
    if (!chosen.some((x) => x.c.sourceKind === d.c.sourceKind) && unlike(d)) chosen.push(d);
  }
  for (const d of relevant) {
    if (chosen.length >= n) break;
    if (!chosen.includes(d) && unlike(d)) chosen.push(d);
  }
  return chosen
    .map((d) => ({ postId: d.c.id, text: d.text, publishedAt: d.c.publishedAt, source: sourceLabel(d.c.sourceName, d.c.sourceKind), products: d.c.products }))
    .sort((a, b) => a.publishedAt - b.publishedAt);
}
