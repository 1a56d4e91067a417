/**
 * The text part of posts search: the user's words as an FTS5 query over posts_fts (migration 0002),
 * and how many posts match it. See docs/decisions.md (2026-11-26, posts search).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';

const literal = (w: string) => `"${w.replace(/"/g, '""')}"`;

function words(q: string): string[] {
  return q.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/**
 * The user's words as an FTS5 query: each whitespace-separated word becomes a string literal (inner
 * `"` doubled), so FTS5 operators and metacharacters in user text (AND, OR, NOT, NEAR, `*`, `^`, `:`,
 * parentheses) are plain words; within a literal the tokenizer splits on punctuation, so
 * "zz-hostile-marker" is the phrase zz hostile marker. The last word is a prefix. Words with no letter
 * or digit (`%`, `_`, `--`) index to nothing and are dropped; null when nothing is left to search for.
 */
export function ftsQuery(q: string): string | null {
  const ws = words(q);
  if (ws.length === 0) return null;
  return ws.map((w, i) => `${literal(w)}${i === ws.length - 1 ? '*' : ''}`).join(' ');
}

/** A last word with more index terms than this beyond itself stays an FTS5 prefix query. */
const MAX_PREFIX_TERMS = 8;

/**
 * The same query as `ftsQuery`, with the last word's prefix spelled out as the index terms it stands
 * for ("down*" is "down" when no longer term starts with it, else ("down" OR "downtime" ...)), read
 * from posts_fts_vocab (migration 0003). Same matches, but FTS5 (3.45) builds a prefix term's whole
 * doclist on every query, even one limited to a rowid range (6-12 ms for a word in 5-8% of 1M posts),
 * while an exact term seeks (< 1 ms): that is what makes the windowed walk in search.ts cheap.
 * Only for a last word of ASCII letters and digits (its one token is the word in lower case); any other
 * word, a prefix of more than MAX_PREFIX_TERMS longer terms, or no vocab table keeps the prefix form.
 */
export async function resolvedFtsQuery(db: Db, q: string): Promise<string | null> {
  const ws = words(q);
  const last = ws.at(-1);
  if (last === undefined) return null;
  if (!/^[A-Za-z0-9]+$/.test(last)) return ftsQuery(q);
  const token = last.toLowerCase();
  // Terms strictly after the word that start with it: from token + "\x01" (no token holds a NUL, and a
  // lower bound of the word itself would make the vocab table read the word's own doclist) up to the
  // word with its last character incremented.
  const upper = token.slice(0, -1) + String.fromCharCode(token.charCodeAt(token.length - 1) + 1);
  let longer: { term: string }[];
  try {
    longer = await db.all<{ term: string }>(
      sql`SELECT term FROM posts_fts_vocab WHERE term >= ${token + '\u0001'} AND term < ${upper} LIMIT ${MAX_PREFIX_TERMS + 1}`,
    );
  } catch {
    return ftsQuery(q); // a database without migration 0003
  }
  if (longer.length > MAX_PREFIX_TERMS) return ftsQuery(q);
  const terms = [token, ...longer.map((r) => r.term)].map(literal);
  const tail = terms.length === 1 ? terms[0]! : `(${terms.join(' OR ')})`;
  return [...ws.slice(0, -1).map(literal), tail].join(' AND ');
}

/** How many posts match, counting no further than `max`. */
export async function countMatches(db: Db, match: string, max: number): Promise<number> {
  const [row] = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM (SELECT 1 FROM posts_fts WHERE posts_fts MATCH ${match} LIMIT ${max})`,
  );
  return Number(row?.n ?? 0);
}
