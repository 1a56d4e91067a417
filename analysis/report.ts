/**
 * What a post reports: the learned layer over the outage cues and the flag phrases.
 *
 * The hand-written rules (outage.ts, flags.ts) are precise on the phrasings they were written
 * for and miss the rest (on texts written blind to them, outage F1 was 0.71–0.77). This layer is
 * one logistic regression per target — outage, comms complaint, churn, revenue, credit — over
 * the rules' own outputs (every cue, the rule score, each detector) and the words and bigrams of
 * the text, trained on Barometer's labelled texts (eval/outage.*.jsonl, the blind holdout2 file
 * excepted) by scripts/train-report.ts. Weights: analysis/lexicon/report-model.ts.
 */
import type { Flags } from './flags.js';
import { REPORT_BIAS, REPORT_DENSE, REPORT_WORDS_TSV } from './lexicon/report-model.js';
import type { Tokens } from './normalise.js';
import { OUTAGE_CUE_NAMES, type OutageResult } from './outage.js';
import { visitSparse, type RuleScore } from './sentiment.js';
import { emptyIndex, indexFeature, lookupFeature, type SparseIndex } from './sparse-index.js';

/** Targets in model order. */
export const REPORT_TARGETS = ['outage', 'commsComplaint', 'churn', 'revenue', 'credit'] as const;
export type ReportTarget = (typeof REPORT_TARGETS)[number];

/** Dense features in model order (the model stores weights by position; names are for docs). */
export const REPORT_DENSE_FEATURES: readonly string[] = [
  'rule_logit', 'rule_flag', ...OUTAGE_CUE_NAMES.map((n) => `cue_${n}`),
  'rx_comms', 'rx_churn', 'rx_revenue', 'rx_credit', 'has_product', 'question', 'compound', 'neg_words', 'len', 'negators',
];

/** Scale of each word feature in a text with `n` word features (training and inference agree). */
export function wordScale(n: number): number {
  return 1 / Math.sqrt(n + 1);
}

export function reportDense(t: Tokens, r: RuleScore, cueHits: readonly number[], outage: OutageResult, flags: Flags, hasProduct: boolean): number[] {
  const p = Math.min(Math.max(outage.score, 0.001), 0.999);
  return [
    Math.max(-2, Math.min(2, Math.log(p / (1 - p)) / 3)),
    outage.flag ? 1 : 0,
    ...cueHits,
    flags.commsComplaint ? 1 : 0,
    flags.churn ? 1 : 0,
    flags.revenue ? 1 : 0,
    flags.credit ? 1 : 0,
    hasProduct ? 1 : 0,
    r.questions > 0 ? 1 : 0,
    r.compound,
    Math.min(r.nNeg, 5) / 5,
    Math.log1p(t.letterWords) / 4,
    Math.min(r.nNegators, 3) / 3,
  ];
}

/**
 * Word features as strings (training): "w:word", "n:word" (inside a negation scope), "b:a b", each
 * once, and the value every present word feature takes: 1/sqrt(occurrences + 1), so a long forum
 * comment does not outvote the rule features by its length alone.
 */
export function reportSparse(t: Tokens, r: RuleScore): { sparse: string[]; scale: number } {
  const seen = new Set<string>();
  let visits = 0;
  visitSparse(t, r, (k, a, b) => {
    if (k === 'm') return;
    visits++;
    seen.add(k === 'b' ? `b:${a} ${b}` : `${k}:${a}`);
  });
  return { sparse: [...seen], scale: wordScale(visits) };
}

export interface ReportModel {
  bias: readonly number[];
  dense: readonly number[];
  words: SparseIndex<readonly number[]>;
}

export function toReportModel(m: { bias: readonly number[]; dense: readonly number[]; words: Map<string, readonly number[]> }): ReportModel {
  const words = emptyIndex<readonly number[]>();
  for (const [key, w] of m.words) indexFeature(words, key, () => w);
  return { bias: m.bias, dense: m.dense, words };
}

function loadModel(): ReportModel {
  const words = new Map<string, number[]>();
  for (const line of REPORT_WORDS_TSV.split('\n')) {
    const p = line.split('\t');
    if (p.length === REPORT_TARGETS.length + 1) words.set(p[0]!, p.slice(1).map(Number));
  }
  return toReportModel({ bias: REPORT_BIAS, dense: REPORT_DENSE, words });
}

/** The shipped model (analysis/lexicon/report-model.ts). */
export const REPORT_MODEL = loadModel();

/** Whether a model has weights for every target (an untrained placeholder has none). */
export function isTrained(model: ReportModel): boolean {
  return model.bias.length === REPORT_TARGETS.length;
}

/** Bias plus dense part of each target's logit (the word part is added by the caller's visit). */
export function reportBaseLogits(model: ReportModel, dense: readonly number[]): number[] {
  const T = REPORT_TARGETS.length;
  const z = model.bias.slice();
  for (let j = 0; j < dense.length; j++) {
    const x = dense[j]!;
    if (x === 0) continue;
    for (let k = 0; k < T; k++) z[k]! += x * model.dense[j * T + k]!;
  }
  return z;
}

/** Logits to probabilities, given the summed word weights and the number of word features visited. */
export function finishReport(z: number[], wordSums: readonly number[], visits: number): number[] {
  const scale = wordScale(visits);
  return z.map((x, k) => 1 / (1 + Math.exp(-(x + scale * wordSums[k]!))));
}

/** Probability per target (REPORT_TARGETS order); empty when the model is untrained. */
export function predictReport(dense: number[], t: Tokens, r: RuleScore, model: ReportModel = REPORT_MODEL): number[] {
  if (!isTrained(model)) return [];
  const z = reportBaseLogits(model, dense);
  // Same features and scale as reportSparse, without building strings; each feature counts once
  // (weight arrays are unique per feature, so a set of them de-duplicates).
  const sums = new Array<number>(z.length).fill(0);
  const seen = new Set<readonly number[]>();
  let visits = 0;
  visitSparse(t, r, (kind, a, b) => {
    if (kind === 'm') return;
    visits++;
    const w = lookupFeature(model.words, kind, a, b);
    if (w && !seen.has(w)) {
      seen.add(w);
      for (let k = 0; k < sums.length; k++) sums[k]! += w[k]!;
    }
  });
  return finishReport(z, sums, visits);
}

export interface ReportDecision {
  outage: { flag: boolean; score: number };
  commsComplaint: boolean;
  churn: boolean;
  revenue: boolean;
  credit: boolean;
}

/**
 * The decision: each target fires at probability >= 0.5. The rules vote through their features
 * only; letting a rule hit fire on its own (rule OR model) scored lower when each training file
 * was held out in turn (docs/analysis.md). Without a trained model the rules decide alone.
 */
export function decideReport(parts: { outage: OutageResult; flags: Flags }, probs: number[]): ReportDecision {
  const { outage, flags } = parts;
  if (probs.length !== REPORT_TARGETS.length) return { outage: { flag: outage.flag, score: outage.score }, ...flags };
  const p0 = probs[0]!;
  return {
    outage: { flag: p0 >= 0.5, score: Math.round(p0 * 1000) / 1000 },
    commsComplaint: probs[1]! >= 0.5,
    churn: probs[2]! >= 0.5,
    revenue: probs[3]! >= 0.5,
    credit: probs[4]! >= 0.5,
  };
}
