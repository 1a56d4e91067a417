/**
 * Trainer for the sentiment model's learned layer: multinomial logistic regression with L2,
 * class-balanced, deterministic (seeded shuffle, fixed epochs), pure (rows in, weights out).
 * Used by scripts/eval-train.ts (writes analysis/lexicon/model.ts) and by the k-fold evaluation.
 * Not imported by analysis/index.ts, so it is not part of the bundle.
 */
import { DENSE_FEATURES, type SentimentModel } from './sentiment.js';
import { mulberry32 } from './signals/stats.js';

export interface TrainRow {
  dense: number[];
  sparse: string[];
  /** 0 neg, 1 neu, 2 pos */
  y: number;
  /** Row weight (default 1), e.g. to give every source the same total weight. */
  w?: number;
}

export interface TrainOptions {
  epochs?: number;
  rate?: number;
  l2?: number;
  /** A word feature must occur in at least this many rows to get a weight. */
  minCount?: number;
  /** Weights whose largest absolute value is below this are dropped (keeps the file small). */
  prune?: number;
  seed?: number;
  /** Learning rate for word weights (defaults to rate); lower than rate regularises words more. */
  rateWords?: number;
  /** Number of models (different shuffles) averaged. */
  bags?: number;
  /** Weight classes inversely to their frequency (helps macro-F1 when one class dominates). */
  balance?: number;
}


/** Fisher–Yates, in place, with the given seeded generator (so training is deterministic). */
function shuffle(xs: number[], rand: () => number): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
}

/** Word features seen in at least `minCount` rows (sorted), and each row's features as indexes into them. */
function vocabulary(rows: ReadonlyArray<{ sparse: string[] }>, minCount: number): { vocab: string[]; ids: number[][] } {
  const df = new Map<string, number>();
  for (const r of rows) for (const s of r.sparse) df.set(s, (df.get(s) ?? 0) + 1);
  const vocab = [...df.entries()].filter(([, c]) => c >= minCount).map(([s]) => s).sort();
  const index = new Map(vocab.map((s, i) => [s, i]));
  return { vocab, ids: rows.map((r) => r.sparse.map((s) => index.get(s)).filter((i): i is number => i !== undefined)) };
}

/** Trains `bags` models with different shuffles and averages their weights (less variance). */
export function train(rows: TrainRow[], opts: TrainOptions = {}): SentimentModel {
  const bags = opts.bags ?? 1;
  if (bags <= 1) return trainOne(rows, opts);
  const models = Array.from({ length: bags }, (_, b) => trainOne(rows, { ...opts, seed: (opts.seed ?? 1) + b * 7919, prune: 0 }));
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  const prune = opts.prune ?? 0.02;
  const keys = new Set<string>();
  for (const m of models) for (const k of m.words.keys()) keys.add(k);
  const words = new Map<string, readonly [number, number, number]>();
  for (const k of [...keys].sort()) {
    const v = [0, 1, 2].map((c) => r3(models.reduce((a, m) => a + (m.words.get(k)?.[c] ?? 0), 0) / bags)) as [number, number, number];
    if (Math.max(Math.abs(v[0]), Math.abs(v[1]), Math.abs(v[2])) >= prune) words.set(k, v);
  }
  const avg = (xs: number[][]) => xs[0]!.map((_, i) => r3(xs.reduce((a, x) => a + x[i]!, 0) / bags));
  return {
    bias: avg(models.map((m) => [...m.bias])) as [number, number, number],
    dense: avg(models.map((m) => m.dense)),
    words,
  };
}

function trainOne(rows: TrainRow[], opts: TrainOptions): SentimentModel {
  const epochs = opts.epochs ?? 12;
  const rate = opts.rate ?? 0.1;
  const l2 = opts.l2 ?? 1e-4;
  const rateWords = opts.rateWords ?? rate;
  const minCount = opts.minCount ?? 3;
  const prune = opts.prune ?? 0.02;
  const rand = mulberry32(opts.seed ?? 1);
  const D = DENSE_FEATURES.length;

  const { vocab, ids } = vocabulary(rows, minCount);
  const enc = rows.map((r, i) => ({ dense: r.dense, ids: ids[i]!, y: r.y, w: r.w ?? 1 }));
  const counts = [0, 0, 0];
  for (const r of rows) counts[r.y]!++;
  const balance = opts.balance ?? 1;
  const cw = counts.map((c) => (c > 0 ? Math.pow(rows.length / (3 * c), balance) : 0));

  const bias = [0, 0, 0];
  const dense = new Float64Array(D * 3);
  const W = new Float64Array(vocab.length * 3);
  // AdaGrad accumulators
  const gb = [1e-8, 1e-8, 1e-8];
  const gd = new Float64Array(D * 3).fill(1e-8);
  const gw = new Float64Array(vocab.length * 3).fill(1e-8);
  const order = enc.map((_, i) => i);
  const p = [0, 0, 0];
  for (let ep = 0; ep < epochs; ep++) {
    shuffle(order, rand);
    for (const oi of order) {
      const r = enc[oi]!;
      for (let c = 0; c < 3; c++) {
        let z = bias[c]!;
        for (let j = 0; j < D; j++) z += r.dense[j]! * dense[j * 3 + c]!;
        for (const id of r.ids) z += W[id * 3 + c]!;
        p[c] = z;
      }
      const m = Math.max(p[0]!, p[1]!, p[2]!);
      let s = 0;
      for (let c = 0; c < 3; c++) s += (p[c] = Math.exp(p[c]! - m));
      const w = cw[r.y]! * r.w;
      for (let c = 0; c < 3; c++) {
        const g = w * (p[c]! / s - (c === r.y ? 1 : 0));
        gb[c]! += g * g;
        bias[c]! -= (rate * g) / Math.sqrt(gb[c]!);
        for (let j = 0; j < D; j++) {
          const x = r.dense[j]!;
          if (x === 0) continue;
          const k = j * 3 + c;
          const gg = g * x + l2 * dense[k]!;
          gd[k]! += gg * gg;
          dense[k]! -= (rate * gg) / Math.sqrt(gd[k]!);
        }
        for (const id of r.ids) {
          const k = id * 3 + c;
          const gg = g + l2 * W[k]!;
          gw[k]! += gg * gg;
          W[k]! -= (rateWords * gg) / Math.sqrt(gw[k]!);
        }
      }
    }
  }
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  const words = new Map<string, readonly [number, number, number]>();
  vocab.forEach((s, i) => {
    // Centre per feature (softmax is invariant to a shared shift), then round.
    const a = W[i * 3]!;
    const b = W[i * 3 + 1]!;
    const c = W[i * 3 + 2]!;
    const mean = (a + b + c) / 3;
    const v = [r3(a - mean), r3(b - mean), r3(c - mean)] as const;
    if (Math.max(Math.abs(v[0]), Math.abs(v[1]), Math.abs(v[2])) >= prune) words.set(s, v);
  });
  return {
    bias: [r3(bias[0]!), r3(bias[1]!), r3(bias[2]!)],
    dense: [...dense].map(r3),
    words,
  };
}

/** Serialises a model as a TypeScript module (compact: one string of "feature\tneg\tneu\tpos" lines). */
export function modelToModule(m: SentimentModel, header: string): string {
  const lines = [...m.words.entries()].map(([s, w]) => `${s}\t${w[0]}\t${w[1]}\t${w[2]}`).join('\n');
  return (
    header +
    `export const MODEL_BIAS: [number, number, number] = ${JSON.stringify(m.bias)};\n` +
    `export const MODEL_DENSE: number[] = ${JSON.stringify(m.dense)};\n` +
    `export const MODEL_WORDS_TSV = ${JSON.stringify(lines)};\n`
  );
}

// ---- multi-label binary logistic regression (the report model: outage and the four flags) ------

export interface MultiLabelRow {
  dense: number[];
  sparse: string[];
  /** Value of every present word feature (reportSparse's scale). */
  scale: number;
  /** One gold value per target. */
  y: boolean[];
}

export interface MultiLabelOptions {
  epochs?: number;
  /** AdaGrad learning rate for the bias and dense weights. */
  rate?: number;
  /** Learning rate for word weights. */
  rateWords?: number;
  l2?: number;
  minCount?: number;
  /** Exponent of the inverse class-frequency weight per target (0 none, 1 fully balanced). */
  balance?: number;
  prune?: number;
  seed?: number;
}

export interface MultiLabelModel {
  /** Per target bias. */
  bias: number[];
  /** Dense weights, feature-major: dense[j * T + t]. */
  dense: number[];
  /** Word feature → one weight per target. */
  words: Map<string, number[]>;
}

/**
 * One logistic regression per target over shared features, trained together (one pass over the
 * rows per epoch); word features take the row's `scale`. Deterministic.
 */
export function trainMultiLabel(rows: MultiLabelRow[], opts: MultiLabelOptions = {}): MultiLabelModel {
  const epochs = opts.epochs ?? 10;
  const rate = opts.rate ?? 0.3;
  const rateWords = opts.rateWords ?? 0.1;
  const l2 = opts.l2 ?? 1e-3;
  const minCount = opts.minCount ?? 2;
  const balance = opts.balance ?? 0.5;
  const prune = opts.prune ?? 0.01;
  const T = rows[0]?.y.length ?? 0;
  const D = rows[0]?.dense.length ?? 0;
  const { vocab, ids } = vocabulary(rows, minCount);
  const enc = rows.map((r, i) => ({ dense: r.dense, ids: ids[i]!, y: r.y, xw: r.scale }));
  const classWeight = Array.from({ length: T }, (_, t) => {
    const pos = rows.filter((r) => r.y[t]).length;
    const n = rows.length;
    return [Math.pow(n / (2 * Math.max(1, n - pos)), balance), Math.pow(n / (2 * Math.max(1, pos)), balance)] as const;
  });
  const bias = new Float64Array(T);
  const gb = new Float64Array(T).fill(1e-8);
  const Wd = new Float64Array(D * T);
  const gd = new Float64Array(D * T).fill(1e-8);
  const Ww = new Float64Array(vocab.length * T);
  const gw = new Float64Array(vocab.length * T).fill(1e-8);
  const rand = mulberry32(opts.seed ?? 1);
  const order = enc.map((_, i) => i);
  for (let ep = 0; ep < epochs; ep++) {
    shuffle(order, rand);
    for (const oi of order) {
      const r = enc[oi]!;
      for (let t = 0; t < T; t++) {
        let z = bias[t]!;
        for (let j = 0; j < D; j++) z += r.dense[j]! * Wd[j * T + t]!;
        for (const id of r.ids) z += r.xw * Ww[id * T + t]!;
        const y = r.y[t] ? 1 : 0;
        const g = classWeight[t]![y]! * (1 / (1 + Math.exp(-z)) - y);
        gb[t]! += g * g;
        bias[t]! -= (rate * g) / Math.sqrt(gb[t]!);
        for (let j = 0; j < D; j++) {
          const x = r.dense[j]!;
          if (x === 0) continue;
          const k = j * T + t;
          const gg = g * x + l2 * Wd[k]!;
          gd[k]! += gg * gg;
          Wd[k]! -= (rate * gg) / Math.sqrt(gd[k]!);
        }
        for (const id of r.ids) {
          const k = id * T + t;
          const gg = g * r.xw + l2 * Ww[k]!;
          gw[k]! += gg * gg;
          Ww[k]! -= (rateWords * gg) / Math.sqrt(gw[k]!);
        }
      }
    }
  }
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  const words = new Map<string, number[]>();
  vocab.forEach((s, i) => {
    const w = Array.from(Ww.subarray(i * T, i * T + T), r3);
    if (w.some((x) => Math.abs(x) >= prune)) words.set(s, w);
  });
  return { bias: Array.from(bias, r3), dense: Array.from(Wd, r3), words };
}

/** Serialises a multi-label model as a TypeScript module ("feature\tw1\tw2…" lines in one string). */
export function multiLabelToModule(m: MultiLabelModel, header: string): string {
  const lines = [...m.words.entries()].map(([s, w]) => `${s}\t${w.join('\t')}`).join('\n');
  return (
    header +
    `export const REPORT_BIAS: number[] = ${JSON.stringify(m.bias)};\n` +
    `export const REPORT_DENSE: number[] = ${JSON.stringify(m.dense)};\n` +
    `export const REPORT_WORDS_TSV = ${JSON.stringify(lines)};\n`
  );
}
