/**
 * analysis/: text in, typed result out. Pure (no I/O, no clock, no mutable globals) and bundles
 * for Workers. See docs/analysis.md for what each part does and how it was measured.
 */
import { extractEntities, type Catalogue } from './catalogue.js';
import { detectFlags, type Flags } from './flags.js';
import { MODEL_BIAS, MODEL_DENSE, MODEL_WORDS_TSV } from './lexicon/model.js';
import { cleanText, MAX_TEXT_CHARS, tokenize, type Tokens } from './normalise.js';
import { outageCueHits, scoreOutage, scoreOutageHits, type OutageResult } from './outage.js';
import { decideReport, finishReport, isTrained, reportBaseLogits, reportDense, REPORT_MODEL, type ReportModel } from './report.js';
import { ruleScore, sentimentBaseLogits, softmaxLabel, toFastModel, visitSparse, type FastModel, type RuleScore, type W3 } from './sentiment.js';
import { emptyIndex, indexEntries, indexFeature } from './sparse-index.js';
import type { Analysis, AnalyzeInput, MacroRegion, SentimentLabel } from './types.js';

export type { Analysis, AnalyzeInput, CatalogueDefinition, MacroRegion, ProductDefinition, SentimentLabel } from './types.js';
export { compileCatalogue, extractEntities, COMMON_WORDS, type Catalogue } from './catalogue.js';
export { htmlToText, decodeEntities, MAX_HTML_CHARS } from './html.js';
export { cleanText, normalise, tokenize, splitCompound, toWellFormed, MAX_TEXT_CHARS, type Tokens } from './normalise.js';
export { ruleScore, labelFromCompound, lexiconValence } from './sentiment.js';
export { scoreOutage } from './outage.js';
export { detectFlags, type Flags } from './flags.js';

/** Bumped whenever behaviour changes, so stored rows can be re-scored. */
export const ANALYZER_VERSION = 'barometer-analysis/1.4.0';

function loadModel(): FastModel {
  const words = new Map<string, readonly [number, number, number]>();
  for (const line of MODEL_WORDS_TSV.split('\n')) {
    const p = line.split('\t');
    if (p.length === 4) words.set(p[0]!, [Number(p[1]), Number(p[2]), Number(p[3])]);
  }
  return toFastModel({ bias: MODEL_BIAS, dense: MODEL_DENSE, words });
}

const MODEL = loadModel();

/** Both learned layers' weights for one feature. */
interface JointWeights {
  sentiment: W3 | undefined;
  report: readonly number[] | undefined;
}

/**
 * Both layers' word weights keyed by word: its unigram weights (plain and negated) and the bigrams
 * it starts. A bigram's first word is the unigram looked up just before it, so each token costs
 * one word lookup plus one lookup in that word's small bigram map.
 */
interface WordWeights {
  w: JointWeights | undefined;
  n: JointWeights | undefined;
  next: Map<string, JointWeights> | undefined;
}

interface JointIndex {
  words: Map<string, WordWeights>;
  mentions: Map<string, JointWeights>;
}

function joinModels(sentiment: FastModel, report: ReportModel): JointIndex {
  const joint = emptyIndex<JointWeights>();
  for (const [key, w] of indexEntries(sentiment.words)) indexFeature(joint, key, () => ({ sentiment: w, report: undefined }));
  for (const [key, w] of indexEntries(report.words)) indexFeature(joint, key, (prev) => ({ sentiment: prev?.sentiment, report: w }));
  const words = new Map<string, WordWeights>();
  const word = (k: string) => {
    let e = words.get(k);
    if (!e) words.set(k, (e = { w: undefined, n: undefined, next: undefined }));
    return e;
  };
  for (const [k, e] of joint.w) word(k).w = e;
  for (const [k, e] of joint.n) word(k).n = e;
  for (const [k, inner] of joint.b) word(k).next = inner;
  return { words, mentions: joint.m };
}

const JOINT = joinModels(MODEL, REPORT_MODEL);
const REPORT_TRAINED = isTrained(REPORT_MODEL);

/**
 * Sentiment and report probabilities in one visit of the text's word features: the same sums as
 * predictTokens and predictReport (test/analysis/report.test.ts checks they agree).
 */
function predictJoint(p: RuleParts): { sentiment: { label: SentimentLabel; score: number }; report: number[] } {
  const zs = sentimentBaseLogits(MODEL, p.tokens, p.rules);
  const zr = REPORT_TRAINED ? reportBaseLogits(REPORT_MODEL, p.reportDense) : [];
  const sums = new Array<number>(zr.length).fill(0);
  // Features seen so far (each counts once): a short list covers most texts; a set takes over for long ones.
  const seenList: JointWeights[] = [];
  let seenSet: Set<JointWeights> | undefined;
  let visits = 0;
  let last: WordWeights | undefined; // entry of the last unigram visited: the next bigram's first word
  let before: WordWeights | undefined;
  const add = (e: JointWeights | undefined) => {
    if (!e) return;
    if (seenSet) {
      if (seenSet.has(e)) return;
      seenSet.add(e);
    } else {
      if (seenList.includes(e)) return;
      seenList.push(e);
      if (seenList.length > 48) seenSet = new Set(seenList);
    }
    const s = e.sentiment;
    if (s) {
      zs[0] += s[0];
      zs[1] += s[1];
      zs[2] += s[2];
    }
    const r = e.report;
    if (r) for (let k = 0; k < sums.length; k++) sums[k]! += r[k]!; // none when the model is untrained
  };
  visitSparse(p.tokens, p.rules, (kind, a, b) => {
    if (kind === 'm') return add(JOINT.mentions.get(a)); // the report layer ignores @mentions
    visits++;
    if (kind === 'b') return add(before?.next?.get(b));
    before = last;
    last = JOINT.words.get(a);
    add(kind === 'w' ? last?.w : last?.n);
  });
  const sentiment = p.tokens.words.length === 0 ? { label: 'neu' as const, score: 0 } : softmaxLabel(zs[0], zs[1], zs[2]);
  return { sentiment, report: REPORT_TRAINED ? finishReport(zr, sums, visits) : [] };
}

/** Title and body as one text (title first, as readers see it), bounded by MAX_TEXT_CHARS. */
function joinInput(input: AnalyzeInput): string {
  const text = typeof input?.text === 'string' ? input.text : '';
  const title = typeof input?.title === 'string' ? input.title.trim() : '';
  if (!title) return text;
  // A title that is also the start of the body (common in feeds) is counted once.
  if (text.startsWith(title)) return text;
  return title.length >= MAX_TEXT_CHARS ? title : `${title}.\n${text}`;
}

/** " w1 w2 ? " — the lower-cased token string the phrase rules read. */
function tokenString(t: Tokens): string {
  return ' ' + t.words.join(' ') + ' ';
}

/** The rule layer's view of a text: tokens, entities, the rule outage score and the phrase flags. */
export interface RuleParts {
  tokens: Tokens;
  rules: RuleScore;
  products: string[];
  regions: MacroRegion[];
  outage: OutageResult;
  flags: Flags;
  /** Dense features of the learned report layer (analysis/report.ts). */
  reportDense: number[];
}

export function ruleParts(input: AnalyzeInput, catalogue: Catalogue): RuleParts {
  const tokens = tokenize(cleanText(joinInput(input)));
  const rules = ruleScore(tokens);
  const { products, regions } = extractEntities(tokens, catalogue);
  const low = tokenString(tokens);
  const flags = detectFlags(low);
  const related = relatedWeight(flags);
  const cueHits = outageCueHits(low, related);
  const outage = scoreOutageHits(cueHits, products.length > 0, false, related);
  return { tokens, rules, products, regions, outage, flags, reportDense: reportDense(tokens, rules, cueHits, outage, flags, products.length > 0) };
}

export function analyze(input: AnalyzeInput, catalogue: Catalogue): Analysis {
  const p = ruleParts(input, catalogue);
  const { sentiment, report: probs } = predictJoint(p);
  const report = decideReport(p, probs);
  return {
    sentiment,
    outage: report.outage,
    products: p.products,
    regions: p.regions,
    commsComplaint: report.commsComplaint,
    churn: report.churn,
    revenue: report.revenue,
    credit: report.credit,
    version: ANALYZER_VERSION,
  };
}

/** Complaints about silence, claims for credit and lost business are (almost) only written about an incident. */
function relatedWeight(f: Flags): number {
  return (f.commsComplaint ? 2.2 : 0) + (f.credit ? 1.8 : 0) + (f.revenue ? 1.0 : 0) + (f.churn ? 0.8 : 0);
}

export function analyzeBatch(inputs: readonly AnalyzeInput[], catalogue: Catalogue): Analysis[] {
  const out: Analysis[] = new Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) out[i] = analyze(inputs[i]!, catalogue);
  return out;
}

/** Debug view: which outage cues fired for a text (used by docs and tests, not stored). */
export function explainOutage(text: string, catalogue: Catalogue): { score: number; cues: string[] } {
  const tokens = tokenize(cleanText(text));
  const { products } = extractEntities(tokens, catalogue);
  const low = tokenString(tokens);
  const r = scoreOutage(low, products.length > 0, true, relatedWeight(detectFlags(low)));
  return { score: r.score, cues: r.cues };
}

