/**
 * HTML → plain text for feed bodies (RSS `content:encoded`, comment HTML, Atom `content`).
 *
 * A single left-to-right scan using indexOf (no backtracking regex), so time is linear in the
 * input even on hostile markup (unclosed tags, 1 MB of `<<<<`, endless entities). Inputs longer
 * than MAX_HTML_CHARS are cut first. What it does:
 *  - drops <script>, <style>, <noscript>, <template>, <head> elements with their content, comments,
 *    CDATA markers (their text is kept), doctype and processing instructions;
 *  - keeps link and other inline text; block tags (p, div, br, li, h1…, tr, …) become line breaks;
 *  - decodes entities: named (common HTML set), decimal and hex numeric; invalid code points → U+FFFD;
 *  - collapses runs of spaces, trims lines, at most one blank line in a row.
 */

/** Longest HTML input looked at (characters); the rest is ignored. */
export const MAX_HTML_CHARS = 2_000_000;

const DROP_CONTENT = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'math', 'iframe', 'object']);

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead',
  'tr', 'ul', 'body', 'html', 'title',
]);

/** Named entities worth decoding (the ones feeds actually use); unknown names are left as written. */
export const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”',
  bdquo: '„', laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', bull: '•', middot: '·', copy: '©',
  reg: '®', trade: '™', deg: '°', plusmn: '±', times: '×', divide: '÷', euro: '€', pound: '£',
  yen: '¥', cent: '¢', sect: '§', para: '¶', dagger: '†', Dagger: '‡', permil: '‰', prime: '′',
  iexcl: '¡', iquest: '¿', shy: '', zwj: '\u200d', zwnj: '\u200c', lrm: '', rlm: '',
  frac12: '½', frac14: '¼', frac34: '¾', sup2: '²', sup3: '³', micro: 'µ', larr: '←', rarr: '→',
  uarr: '↑', darr: '↓', harr: '↔', hearts: '♥', check: '✓', star: '☆',
  auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', eacute: 'é',
  Eacute: 'É', egrave: 'è', ecirc: 'ê', agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã',
  aring: 'å', aelig: 'æ', ccedil: 'ç', iacute: 'í', igrave: 'ì', icirc: 'î', iuml: 'ï', ntilde: 'ñ',
  Ntilde: 'Ñ', oacute: 'ó', ograve: 'ò', ocirc: 'ô', otilde: 'õ', oslash: 'ø', uacute: 'ú',
  ugrave: 'ù', ucirc: 'û', yacute: 'ý', yuml: 'ÿ', euml: 'ë', Ccedil: 'Ç', Aring: 'Å', Oslash: 'Ø',
};

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

function codePointToString(cp: number): string {
  if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  // Windows-1252 mis-encodings that feeds emit as &#146; etc.
  if (cp >= 0x80 && cp <= 0x9f) return WIN1252[cp - 0x80] ?? '\ufffd';
  return String.fromCodePoint(cp);
}

const WIN1252 = [
  '€', '\ufffd', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\ufffd', 'Ž', '\ufffd',
  '\ufffd', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\ufffd', 'ž', 'Ÿ',
];

/** Decodes HTML entities in plain text (also used on text that was entity-escaped twice in feeds). */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  let out = '';
  let last = 0;
  let i = s.indexOf('&');
  while (i >= 0) {
    let j = i + 1;
    let rep: string | undefined;
    if (s.charCodeAt(j) === 35 /* # */) {
      j++;
      const hex = s.charCodeAt(j) === 120 || s.charCodeAt(j) === 88;
      if (hex) j++;
      const start = j;
      while (j < s.length && j - start < 8) {
        const c = s.charCodeAt(j);
        const ok = hex ? (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) : c >= 48 && c <= 57;
        if (!ok) break;
        j++;
      }
      if (j > start) {
        rep = codePointToString(parseInt(s.slice(start, j), hex ? 16 : 10));
        if (s.charCodeAt(j) === 59) j++;
      }
    } else {
      const start = j;
      while (j < s.length && j - start < 10 && isNameChar(s.charCodeAt(j))) j++;
      const name = s.slice(start, j);
      const v = name ? NAMED_ENTITIES[name] : undefined;
      if (v !== undefined && (s.charCodeAt(j) === 59 || name === 'amp' || name === 'lt' || name === 'gt' || name === 'quot' || name === 'nbsp')) {
        rep = v;
        if (s.charCodeAt(j) === 59) j++;
      }
    }
    if (rep !== undefined) {
      out += s.slice(last, i) + rep;
      last = j;
      i = s.indexOf('&', j);
    } else {
      i = s.indexOf('&', i + 1);
    }
  }
  return out + s.slice(last);
}

/** Reads a tag name starting at `i` (just after `<` or `</`); returns it lower-cased. */
function tagNameAt(s: string, i: number): string {
  let j = i;
  while (j < s.length && j - i < 20) {
    const c = s.charCodeAt(j);
    if (!(isNameChar(c) || c === 45 /* - */ || c === 58 /* : */)) break;
    j++;
  }
  return s.slice(i, j).toLowerCase();
}

/** Finds the `>` that ends a tag opened at `i`, skipping quoted attribute values; -1 if none. */
function tagEnd(s: string, i: number): number {
  let quote = 0;
  const limit = Math.min(s.length, i + 4096);
  for (let j = i; j < limit; j++) {
    const c = s.charCodeAt(j);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 62) {
      return j;
    }
  }
  // Unterminated quote or absurdly long tag: end at the next '>' if any.
  return s.indexOf('>', i);
}

export function htmlToText(html: string): string {
  if (typeof html !== 'string' || html.length === 0) return '';
  const s = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  const parts: string[] = [];
  let i = 0;
  // Memo of "no closing tag for X after position p" so hostile input like 10^5 `<script>` stays linear.
  const missingClose = new Map<string, number>();
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt < 0) {
      parts.push(s.slice(i));
      break;
    }
    if (lt > i) parts.push(s.slice(i, lt));
    const next = s.charCodeAt(lt + 1);
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      i = end < 0 ? s.length : end + 3;
      continue;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      parts.push(end < 0 ? s.slice(lt + 9) : s.slice(lt + 9, end));
      i = end < 0 ? s.length : end + 3;
      continue;
    }
    const closing = next === 47; /* / */
    const nameStart = closing ? lt + 2 : lt + 1;
    const first = s.charCodeAt(nameStart);
    const isTag = (first >= 97 && first <= 122) || (first >= 65 && first <= 90) || next === 33 /* ! */ || next === 63; /* ? */
    if (!isTag) {
      parts.push('<');
      i = lt + 1;
      continue;
    }
    const end = tagEnd(s, lt + 1);
    if (end < 0) {
      // "<b" with no ">" anywhere after: the rest is not markup we can read; keep it as text.
      parts.push(s.slice(lt));
      break;
    }
    const name = next === 33 || next === 63 ? '' : tagNameAt(s, nameStart);
    i = end + 1;
    if (!name) continue;
    if (BLOCK.has(name)) parts.push('\n');
    else if (name === 'img') {
      const alt = /\balt\s*=\s*("([^"]*)"|'([^']*)')/i.exec(s.slice(lt, end));
      const text = alt ? (alt[2] ?? alt[3] ?? '') : '';
      if (text) parts.push(' ' + text + ' ');
    } else if (name === 'td' || name === 'th') parts.push(' ');
    if (!closing && DROP_CONTENT.has(name) && s.charCodeAt(end - 1) !== 47) {
      const known = missingClose.get(name);
      if (known !== undefined && known <= i) {
        i = s.length;
        break;
      }
      const re = closeTagIndex(s, name, i);
      if (re < 0) {
        missingClose.set(name, i);
        i = s.length;
      } else {
        const gt = s.indexOf('>', re);
        i = gt < 0 ? s.length : gt + 1;
      }
    }
  }
  return tidy(decodeEntities(parts.join('')));
}

/** Index of `</name` (case-insensitive) at or after `from`, or -1. */
function closeTagIndex(s: string, name: string, from: number): number {
  let k = from;
  for (;;) {
    const p = s.indexOf('</', k);
    if (p < 0) return -1;
    if (s.slice(p + 2, p + 2 + name.length).toLowerCase() === name) return p;
    k = p + 2;
  }
}

function tidy(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let blank = false;
  for (const line of lines) {
    const t = line.replace(/[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ').trim();
    if (!t) {
      if (out.length && !blank) blank = true;
      continue;
    }
    if (blank && out.length) out.push('');
    blank = false;
    out.push(t);
  }
  return out.join('\n');
}
