/**
 * npm run eval — how good is analysis/, measured honestly.
 *
 * 1. Sentiment, every file in ../shared/data/sentiment: macro-F1 and accuracy for Barometer and,
 *    in the same run, vader-sentiment, sentiment (AFINN-165) and wink-sentiment. Barometer's
 *    learned layer was trained on these very files, so its number here is 5-fold
 *    cross-validated (each row scored by a model that never saw it; folds by a hash of the id,
 *    all five files pooled, same options as the shipped model). "rules" is the lexicon-and-rules
 *    scorer alone (no training). Peers use their documented thresholds: VADER compound ±0.05,
 *    AFINN score sign, wink normalizedScore sign.
 * 2. Outage, flags, products, regions on Barometer's own labelled texts (eval/*.jsonl):
 *    outage.dev.jsonl was used while writing the rules; outage.test.jsonl was written at the same
 *    time and never tuned on (but its aggregate numbers were looked at); outage.holdout.jsonl was
 *    written and committed before tuning round 2 and is never tuned on. All printed, labelled.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Sentiment from 'sentiment';
import vader from 'vader-sentiment';
import wink from 'wink-sentiment';
import { analyze, compileCatalogue, type CatalogueDefinition } from '../analysis/index.js';
import { normalise } from '../analysis/normalise.js';
import { labelFromCompound, predictTokens, ruleScore, toFastModel } from '../analysis/sentiment.js';
import { train } from '../analysis/train.js';
import { foldOf, macroF1, prf, readJsonl, sentimentFiles, toTrainRow, TRAIN_OPTIONS } from './eval-lib.js';

const K = 5;
const afinn = new Sentiment();
const sign = (x: number) => (x > 0 ? 'pos' : x < 0 ? 'neg' : 'neu');
const vaderLabel = (t: string) => {
  const c = vader.SentimentIntensityAnalyzer.polarity_scores(t).compound as number;
  return c >= 0.05 ? 'pos' : c <= -0.05 ? 'neg' : 'neu';
};
const fmt = (x: number) => x.toFixed(3);

function sentimentSection(): void {
  const files = sentimentFiles();
  const all = files.flatMap((f) => f.rows.map((r) => {
    const t = normalise(r.text);
    return { r, t, rs: ruleScore(t), tr: toTrainRow(r.text, r.label) };
  }));
  const cv = new Map<string, string>();
  for (let k = 0; k < K; k++) {
    // Scored through the same path analyze() uses (predictTokens), with a model that never saw the fold.
    const model = toFastModel(train(all.filter((x) => foldOf(x.r.id, K) !== k).map((x) => x.tr), TRAIN_OPTIONS));
    for (const x of all) if (foldOf(x.r.id, K) === k) cv.set(x.r.id, predictTokens(model, x.t, x.rs).label);
  }
  console.log(`# Sentiment: macro-F1 / accuracy. barometer = ${K}-fold cross-validated (never scored on rows it trained on); rules = no training`);
  console.log(['file'.padEnd(26), 'rows', 'barometer(cv)', 'rules', 'vader', 'afinn', 'wink', 'margin_vs_best_peer'].join('\t'));
  for (const f of files) {
    const gold = f.rows.map((r) => r.label);
    const res = {
      barometer: macroF1(gold, f.rows.map((r) => cv.get(r.id)!)),
      rules: macroF1(gold, f.rows.map((r) => labelFromCompound(ruleScore(normalise(r.text)).compound))),
      vader: macroF1(gold, f.rows.map((r) => vaderLabel(r.text))),
      afinn: macroF1(gold, f.rows.map((r) => sign(afinn.analyze(r.text).score))),
      wink: macroF1(gold, f.rows.map((r) => sign(wink(r.text).normalizedScore))),
    };
    const best = Math.max(res.vader.f1, res.afinn.f1, res.wink.f1);
    const cells = Object.values(res).map((v) => `${fmt(v.f1)}/${fmt(v.acc)}`);
    console.log([f.name.padEnd(26), String(f.rows.length), ...cells, (res.barometer.f1 - best >= 0 ? '+' : '') + fmt(res.barometer.f1 - best)].join('\t'));
    console.log(`sentiment.${f.name}.barometer_cv_macro_f1 ${fmt(res.barometer.f1)}`);
  }
}

interface EvalRow {
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

function setPrf(gold: string[][], pred: string[][]): { p: number; r: number; f1: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = new Set(gold[i]);
    const p = new Set(pred[i]);
    for (const x of p) if (g.has(x)) tp++;
    else fp++;
    for (const x of g) if (!p.has(x)) fn++;
  }
  const P = tp + fp ? tp / (tp + fp) : 1;
  const R = tp + fn ? tp / (tp + fn) : 1;
  return { p: P, r: R, f1: P + R ? (2 * P * R) / (P + R) : 0 };
}

function extractionSection(file: string, label: string, cat: CatalogueDefinition, verbose: boolean): void {
  const rows = readJsonl<EvalRow>(join(import.meta.dirname, '..', 'eval', file));
  const catalogue = compileCatalogue(cat);
  const out = rows.map((r) => analyze({ text: r.text, ...(r.title ? { title: r.title } : {}) }, catalogue));
  console.log(`\n# ${file} (${rows.length} rows) — ${label}: precision / recall / F1 (support = gold positives)`);
  const line = (name: string, m: { p: number; r: number; f1: number }, support: number) =>
    console.log(`${name.padEnd(16)}\tP ${fmt(m.p)}\tR ${fmt(m.r)}\tF1 ${fmt(m.f1)}\tsupport ${support}`);
  const split = file.includes('.test.') ? 'test' : file.includes('.holdout2.') ? 'holdout2' : file.includes('.holdout.') ? 'holdout' : 'dev';
  for (const key of ['outage', 'commsComplaint', 'churn', 'revenue', 'credit'] as const) {
    const gold = rows.map((r) => r[key]);
    const pred = out.map((a) => (key === 'outage' ? a.outage.flag : a[key]));
    const m = prf(gold, pred);
    line(key, m, gold.filter(Boolean).length);
    console.log(`eval.${split}.${key}_f1 ${fmt(m.f1)}`);
    if (verbose) rows.forEach((r, i) => gold[i] !== pred[i] && console.error(`  ${key} gold=${gold[i]} ${r.id}: ${r.text}`));
  }
  for (const key of ['products', 'regions'] as const) {
    const gold = rows.map((r) => r[key]);
    const pred = out.map((a) => a[key] as string[]);
    const m = setPrf(gold, pred);
    line(key, m, gold.reduce((n, g) => n + g.length, 0));
    console.log(`eval.${split}.${key}_f1 ${fmt(m.f1)}`);
    if (verbose) rows.forEach((r, i) => gold[i]!.join() !== pred[i]!.join() && console.error(`  ${key} gold=${gold[i]} pred=${pred[i]} ${r.id}: ${r.text}`));
  }
}

const verbose = process.argv.includes('--verbose');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const cat = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'eval', 'catalogue.json'), 'utf8')) as CatalogueDefinition;
if (!only || only === 'sentiment') sentimentSection();
if (!only || only === 'dev') extractionSection('outage.dev.jsonl', 'DEV: rules were written and tuned against this file', cat, verbose);
if (!only || only === 'test') extractionSection('outage.test.jsonl', 'TEST: never tuned on, but looked at in aggregate twice (no longer clean)', cat, verbose && only === 'test');
// Written and committed before tuning round 2; no rule was ever written while looking at its rows.
// --verbose never prints its failures (so nobody tunes on it by accident).
if (!only || only === 'holdout') extractionSection('outage.holdout.jsonl', 'HOLDOUT (written before tuning round 2): never tuned on', cat, false);
// Written blind (its author never saw analysis/ or the other eval files) after round 2, and never
// tuned on; like the holdout, its failures are never printed.
if (!only || only === 'holdout2') extractionSection('outage.holdout2.jsonl', 'HOLDOUT2 (written blind to the classifier, after round 2): never tuned on', cat, false);
