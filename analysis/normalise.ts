/**
 * Normalisation and tokenisation shared by every classifier in analysis/.
 *
 * One pass with one compiled regex turns text into parallel arrays (words + flag bits), so the
 * sentiment scorer, the outage rules and the product/region matcher all read the same tokens.
 */
import { decodeEntities, htmlToText } from './html.js';

/** Longest text analysed (characters, after joining title and body); the rest is ignored. */
export const MAX_TEXT_CHARS = 20_000;

export const F_CAPS = 1; // ALL CAPS word (2+ letters)
export const F_ELONG = 2; // had a letter repeated 3+ times ("sooooo")
export const F_MENTION = 4; // from an @mention
export const F_HASHTAG = 8; // from a #hashtag
export const F_EMOJI = 16; // emoji or emoticon
export const F_PUNCT = 32; // punctuation run (!!!, ?, ., ,)
export const F_CAPITAL = 64; // first letter upper case ("Teams", "Jersey")
export const F_URL = 128; // a link (the word is "url")

export interface Tokens {
  /** Lower-cased word, emoji, emoticon or punctuation run; elongations reduced to two letters. */
  words: string[];
  /** F_* bits per word. */
  flags: number[];
  /** Number of words with at least two letters that are ALL CAPS, and of words with letters. */
  capsWords: number;
  letterWords: number;
}

/** Replaces lone surrogates (invalid UTF-16, e.g. from cut UTF-8) with U+FFFD. */
export function toWellFormed(s: string): string {
  // Fast path: no surrogate code units at all.
  if (!/[\ud800-\udfff]/.test(s)) return s;
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

const LOOKS_HTML = /<(?:p|br|div|a|span|b|i|em|strong|img|li|ul|ol|blockquote|h[1-6]|script|style|table|pre|code)\b[^>]*>/i;

/**
 * Makes text safe and bounded: string coercion, truncation to MAX_TEXT_CHARS, lone surrogates
 * replaced, HTML (if the text carries tags) turned into text, entities decoded, curly quotes folded.
 */
export function cleanText(input: unknown): string {
  let s = typeof input === 'string' ? input : input == null ? '' : String(input);
  if (s.length > MAX_TEXT_CHARS) s = s.slice(0, MAX_TEXT_CHARS);
  s = toWellFormed(s);
  if (s.indexOf('<') >= 0 && LOOKS_HTML.test(s)) s = htmlToText(s);
  else if (s.indexOf('&') >= 0) s = decodeEntities(s);
  if (s.indexOf('’') >= 0 || s.indexOf('‘') >= 0) s = s.replace(/[’‘]/g, "'");
  return s;
}

/** Splits a hashtag or handle into words: ExchangeDown → exchange down, AWS_outage → aws outage. */
export function splitCompound(tag: string): string[] {
  const spaced = tag
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, (m, a: string, d: string) => (/\d/.test(d) ? `${a} ${d}` : m));
  return spaced.toLowerCase().split(' ').filter((w) => w.length > 0);
}

const TOKEN_RE = new RegExp(
  [
    String.raw`(https?:\/\/\S+|www\.\S+)`, // 1 url
    String.raw`[@＠]([A-Za-z0-9_]{1,30})`, // 2 mention
    String.raw`#([\p{L}\p{N}_]{1,60})`, // 3 hashtag
    // 4 emoticon (not glued to letters on either side)
    String.raw`(?<![\p{L}\p{N}])((?:[<>]?[:;=][\-o\*'^]?[\)\]\(\[dDpPoOcCsSxX\/\\\}\{@\|3$]+)|(?:[xX]D+)|<3+|<\/3|\^_?\^|-_-|[tT]_[tT]|:'\()(?![\p{L}\p{N}])`,
    String.raw`([\p{L}\p{M}\p{N}]+(?:['\-_.][\p{L}\p{M}\p{N}]+)*)`, // 5 word (can't, eu-west-1, office365)
    String.raw`(\p{Extended_Pictographic}[\ufe0f\p{EMod}]*(?:\u200d\p{Extended_Pictographic}[\ufe0f\p{EMod}]*)*)`, // 6 emoji (ZWJ sequences kept whole)
    String.raw`([!?]+|[.,;:]+|[$£€¥])`, // 7 punctuation and currency
  ].join('|'),
  'gu',
);

const ELONG_RE = /(\p{L})\1{2,}/gu;
const DOTTED_RE = /\.(?=\p{L}{2})/u;

/** Tokenises cleaned text. The same Tokens feed sentiment, outage, products and regions. */
export function tokenize(text: string): Tokens {
  const words: string[] = [];
  const flags: number[] = [];
  let capsWords = 0;
  let letterWords = 0;
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    if (m[5] !== undefined) {
      let raw = m[5];
      // "down.Still" or "fine.thanks": a dot between words ends a sentence; split it.
      if (raw.indexOf('.') >= 0 && DOTTED_RE.test(raw)) {
        const parts = raw.split('.');
        for (let p = 0; p < parts.length; p++) {
          const part = parts[p]!;
          if (part) pushWord(part);
          if (p < parts.length - 1) {
            words.push('.');
            flags.push(F_PUNCT);
          }
        }
        continue;
      }
      pushWord(raw);
    } else if (m[7] !== undefined) {
      words.push(m[7].length > 1 && m[7][0] !== '!' && m[7][0] !== '?' ? m[7][0]! : m[7]);
      flags.push(F_PUNCT);
    } else if (m[6] !== undefined) {
      words.push(m[6].replace(/[\ufe0f\p{EMod}]/gu, ''));
      flags.push(F_EMOJI);
    } else if (m[4] !== undefined) {
      words.push(m[4].length > 3 ? m[4].replace(/(.)\1+$/u, '$1') : m[4]);
      flags.push(F_EMOJI);
    } else if (m[3] !== undefined) {
      for (const w of splitCompound(m[3])) {
        words.push(w);
        flags.push(F_HASHTAG);
      }
    } else if (m[2] !== undefined) {
      for (const w of splitCompound(m[2])) {
        words.push(w);
        flags.push(F_MENTION);
      }
    } else if (m[1] !== undefined) {
      words.push('url');
      flags.push(F_URL);
    }
  }
  return { words, flags, capsWords, letterWords };

  function pushWord(raw: string): void {
    let f = 0;
    const lower = raw.toLowerCase();
    if (lower !== raw) {
      const c0 = raw.charCodeAt(0);
      if (raw[0] !== lower[0]) f |= F_CAPITAL;
      if (raw.length > 1 && raw.toUpperCase() === raw) {
        f |= F_CAPS;
        capsWords++;
      }
      void c0;
    }
    letterWords++;
    let w = lower;
    if (w.length > 3 && ELONG_RE.test(w)) {
      ELONG_RE.lastIndex = 0;
      w = w.replace(ELONG_RE, '$1$1');
      f |= F_ELONG;
    }
    ELONG_RE.lastIndex = 0;
    words.push(w);
    flags.push(f);
  }
}

/** Clean + tokenise in one call (the form most callers want). */
export function normalise(text: string): Tokens {
  return tokenize(cleanText(text));
}
