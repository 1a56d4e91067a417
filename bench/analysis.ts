/**
 * npm run bench:analysis — texts per second, single-threaded, for the whole analyze() pipeline
 * (normalise + sentiment + outage + products + regions + flags) and, in the same run on the same
 * texts, for vader-sentiment (and, for context, AFINN `sentiment` and wink-sentiment).
 *
 * Texts: the short social posts of the dev data (VADER tweets + airline tweets, ≈5,600 texts,
 * mean ≈100 characters) plus Barometer's own eval texts, repeated to at least N texts
 * (default 20,000). Each engine is warmed up, then the engines take turns over several rounds;
 * the best round of each is reported, in texts per second of CPU time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Sentiment from 'sentiment';
import vader from 'vader-sentiment';
import wink from 'wink-sentiment';
import { analyze, compileCatalogue, type CatalogueDefinition } from '../analysis/index.js';

const root = join(import.meta.dirname, '..');
const dataDir = join(root, '..', 'shared', 'data', 'sentiment');
const texts: string[] = [];
for (const f of ['vader-tweets.dev.jsonl', 'airline-tweets.dev.jsonl']) {
  const p = join(dataDir, f);
  if (!existsSync(p)) continue;
  for (const line of readFileSync(p, 'utf8').split('\n')) if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
}
for (const f of ['outage.dev.jsonl', 'outage.test.jsonl']) {
  for (const line of readFileSync(join(root, 'eval', f), 'utf8').split('\n')) if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
}
const N = Number(process.argv[2] ?? 20_000);
const corpus: string[] = [];
while (corpus.length < N) corpus.push(...texts);
corpus.length = N;
const meanChars = Math.round(corpus.reduce((n, t) => n + t.length, 0) / corpus.length);

const catalogue = compileCatalogue(JSON.parse(readFileSync(join(root, 'eval', 'catalogue.json'), 'utf8')) as CatalogueDefinition);
const afinn = new Sentiment();

/**
 * Texts per second of CPU time (process.cpuUsage, not wall time: on a shared machine another
 * process's bursts would otherwise land on whichever engine happened to be running). The engines
 * take turns, round after round, so a slow stretch of the machine hits them alike; best round kept.
 */
function rates(engines: Record<string, (t: string) => unknown>, rounds: number): Record<string, number> {
  const best: Record<string, number> = {};
  let sink = 0;
  for (const fn of Object.values(engines)) for (let i = 0; i < Math.min(2000, corpus.length); i++) if (fn(corpus[i]!)) sink++; // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(engines)) {
      const c0 = process.cpuUsage();
      for (const t of corpus) if (fn(t)) sink++;
      const cpu = process.cpuUsage(c0);
      best[name] = Math.max(best[name] ?? 0, corpus.length / ((cpu.user + cpu.system) / 1e6));
    }
  }
  if (sink < 0) console.error(sink);
  return Object.fromEntries(Object.entries(best).map(([k, v]) => [k, Math.round(v)]));
}

console.error(`bench: ${corpus.length} texts, mean ${meanChars} chars, single thread, texts per CPU-second`);
const head = rates({ analyze: (t) => analyze({ text: t }, catalogue), vader: (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t) }, 4);
const ours = head.analyze!;
const v = head.vader!;
const others = rates({ afinn: (t) => afinn.analyze(t), wink: (t) => wink(t) }, 2);
const a = others.afinn!;
const w = others.wink!;
console.log(`analysis.analyze_texts_per_s ${ours}`);
console.log(`analysis.vader_texts_per_s ${v}`);
console.log(`analysis.afinn_texts_per_s ${a}`);
console.log(`analysis.wink_texts_per_s ${w}`);
console.log(`analysis.analyze_vs_vader_ratio ${(ours / v).toFixed(2)}`);

// Bounded time on hostile input: 1 MB of text is cut to MAX_TEXT_CHARS.
const big = 'Exchange is down again!!! '.repeat(40_000);
const t0 = performance.now();
analyze({ text: big }, catalogue);
console.log(`analysis.analyze_1mb_ms ${Math.round(performance.now() - t0)}`);
