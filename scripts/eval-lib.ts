/**
 * Shared helpers for scripts/eval.ts and scripts/eval-train.ts: reading the labelled dev data
 * (from ../shared/data, never copied into the repo), metrics, deterministic folds.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { features, ruleScore } from '../analysis/sentiment.js';
import { normalise } from '../analysis/normalise.js';
import type { MultiLabelOptions, MultiLabelRow, TrainOptions, TrainRow } from '../analysis/train.js';
import { ruleParts, type Catalogue, type RuleParts } from '../analysis/index.js';
import { REPORT_TARGETS, reportSparse } from '../analysis/report.js';

/** Chosen by 5-fold cross-validation on the dev files (see docs/analysis.md). */
export const TRAIN_OPTIONS: TrainOptions = { balance: 0.5, epochs: 3, rate: 0.03, l2: 1e-4, minCount: 3, prune: 0.05, seed: 1 };

export const DATA_DIR = process.env.BAROMETER_DATA_DIR ?? join(import.meta.dirname, '..', '..', 'shared', 'data', 'sentiment');

export interface LabelledRow {
  id: string;
  text: string;
  label: 'neg' | 'neu' | 'pos';
}

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export function sentimentFiles(): Array<{ name: string; rows: LabelledRow[] }> {
  return readdirSync(DATA_DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => ({ name: f.replace(/\.jsonl$/, ''), rows: readJsonl<LabelledRow>(join(DATA_DIR, f)) }));
}

export const Y: Record<string, number> = { neg: 0, neu: 1, pos: 2 };

export function toTrainRow(text: string, label: string): TrainRow {
  const t = normalise(text);
  const r = ruleScore(t);
  const f = features(t, r);
  return { dense: f.dense, sparse: f.sparse, y: Y[label]! };
}

/** FNV-1a of the id: a fixed fold per row, independent of file order. */
export function foldOf(id: string, k: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % k;
}

export function macroF1(gold: string[], pred: string[]): { f1: number; acc: number } {
  const labels = ['neg', 'neu', 'pos'];
  let correct = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === pred[i]) correct++;
  let sum = 0;
  for (const l of labels) sum += prf(gold.map((g) => g === l), pred.map((p) => p === l)).f1;
  return { f1: sum / labels.length, acc: gold.length ? correct / gold.length : 0 };
}

export function prf(gold: boolean[], pred: boolean[]): { p: number; r: number; f1: number; tp: number; fp: number; fn: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < gold.length; i++) {
    if (pred[i] && gold[i]) tp++;
    else if (pred[i]) fp++;
    else if (gold[i]) fn++;
  }
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, tp, fp, fn };
}

// ---- the report model (outage + flags) -----------------------------------------------------------

/** Chosen by cross-validation on the training files (see docs/analysis.md). */
export const REPORT_TRAIN_OPTIONS: MultiLabelOptions = { epochs: 10, rate: 0.3, rateWords: 0.5, l2: 1e-3, minCount: 2, balance: 0.5, prune: 0.01, seed: 1 };

export const EVAL_DIR = join(import.meta.dirname, '..', 'eval');
/** Written blind to the classifier and never trained or tuned on: the honest figures. */
export const BLIND_FILES = ['outage.holdout2.jsonl', 'outage.holdout3.jsonl'];

export interface ReportEvalRow {
  id: string;
  text: string;
  title?: string;
  outage: boolean;
  products: string[];
  regions: string[];
  commsComplaint: boolean;
  churn: boolean;
  revenue: boolean;
  credit: boolean;
}

/** Every labelled file of Barometer's own texts except the blind ones, sorted by name. */
export function reportTrainingFiles(): string[] {
  return readdirSync(EVAL_DIR).filter((f) => /^outage\..+\.jsonl$/.test(f) && !BLIND_FILES.includes(f)).sort();
}

export function toReportRow(r: ReportEvalRow, catalogue: Catalogue): MultiLabelRow & { parts: RuleParts } {
  const parts = ruleParts({ text: r.text, ...(r.title ? { title: r.title } : {}) }, catalogue);
  const { sparse, scale } = reportSparse(parts.tokens, parts.rules);
  return { dense: parts.reportDense, sparse, scale, y: REPORT_TARGETS.map((k) => r[k]), parts };
}
