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

export interface TextMatch {
  /** The FTS5 query. */
  match: string;
  /** How many posts match it, counted no further than the `max` asked for. */
  count: number;
}

/**
 * The same query as `ftsQuery`, with the last word's prefix spelled out as the index terms it stands
 * for ("down*" is "down" when no longer term starts with it, else ("down" OR "downtime" ...)), read
 * from posts_fts_vocab (migration 0004), and how many posts match. Same matches, but FTS5 (3.45) builds
 * a prefix term's whole doclist on every query, even one limited to a rowid range (6-12 ms for a word in
 * 5-8% of 1M posts), while an exact term seeks (< 1 ms): that is what makes the windowed walk in
 * search.ts cheap. Only for a last word of ASCII letters and digits (its one token is the word in lower
 * case); any other word, a prefix of more than MAX_PREFIX_TERMS longer terms, or no vocab table keeps
 * the prefix form. One statement in the usual case: the vocab probe and the count of the exact form.
 */
export async function textMatch(db: Db, q: string, max: number): Promise<TextMatch | null> {
  const ws = words(q);
  const last = ws.at(-1);
  if (last === undefined) return null;
  const prefixForm = async (): Promise<TextMatch> => {
    const match = ftsQuery(q)!;
    return { match, count: await countMatches(db, match, max) };
  };
  if (!/^[A-Za-z0-9]+$/.test(last)) return prefixForm();
  const token = last.toLowerCase();
  const head = ws.slice(0, -1).map(literal);
  const exact = [...head, literal(token)].join(' AND ');
  // Terms strictly after the word that start with it: from token + "\x01" (no token holds a NUL, and a
  // lower bound of the word itself would make the vocab table read the word's own doclist) up to the
  // word with its last character incremented.
  const upper = token.slice(0, -1) + String.fromCharCode(token.charCodeAt(token.length - 1) + 1);
  let row: { longer: string; n: number } | undefined;
  try {
    [row] = await db.all<{ longer: string; n: number }>(sql`
      SELECT (SELECT json_group_array(term) FROM (SELECT term FROM posts_fts_vocab
                WHERE term >= ${token + '\u0001'} AND term < ${upper} LIMIT ${MAX_PREFIX_TERMS + 1})) AS longer,
             (SELECT count(*) FROM (SELECT 1 FROM posts_fts WHERE posts_fts MATCH ${exact} LIMIT ${max})) AS n`);
  } catch {
    return prefixForm(); // a database without migration 0004
  }
  const longer = JSON.parse(row?.longer ?? '[]') as string[];
  const count = Number(row?.n ?? 0);
  if (longer.length === 0) return { match: exact, count };
  if (longer.length > MAX_PREFIX_TERMS) return prefixForm();
  const match = [...head, `(${[token, ...longer].map(literal).join(' OR ')})`].join(' AND ');
  // More terms match at least as many posts as the word alone.
  return { match, count: count >= max ? max : await countMatches(db, match, max) };
}

/** How many posts match, counting no further than `max`. */
export async function countMatches(db: Db, match: string, max: number): Promise<number> {
  const [row] = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM (SELECT 1 FROM posts_fts WHERE posts_fts MATCH ${match} LIMIT ${max})`,
  );
  return Number(row?.n ?? 0);
}
