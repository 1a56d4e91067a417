/** Posts explorer: text search and flags, keyset pages (reuses db/queries/search.ts). */
import type { Context } from 'hono';
import { searchPosts, type PostSearch } from '../../../db/queries/search.js';
import { REGIONS } from '../../api/common.js';
import type { AppEnv } from '../../app.js';
import { PostItem } from '../components.js';
import { Empty, Layout, type PageContext } from '../layout.js';
import { DAY, qs } from '../period.js';

const FLAGS = [
  ['outage', 'outage'],
  ['commsComplaint', 'comms complaint'],
  ['churn', 'churn intent'],
  ['revenue', 'revenue impact'],
  ['credit', 'credit request'],
] as const;

/** "2013-11-08" (a whole UTC day) or an ISO date-time; `end` makes a date inclusive. */
function parseTime(s: string | undefined, end: boolean): number | undefined {
  if (!s || s.length > 40) return undefined;
  const t = Date.parse(s);
  if (!Number.isFinite(t)) return undefined;
  return end && /^\d{4}-\d{2}-\d{2}$/.test(s) ? t + DAY : t;
}

export async function postsPage(c: Context<AppEnv>, ctx: PageContext) {
  const deps = c.get('deps');
  const q = c.req.query();
  const products = deps.config.products;
  const text = (q.q ?? '').trim().slice(0, 200);
  const product = q.product && products.some((p) => p.id === q.product) ? q.product : '';
  const region = q.region && (REGIONS as readonly string[]).includes(q.region) ? q.region : '';
  const sentiment = q.sentiment === 'neg' || q.sentiment === 'neu' || q.sentiment === 'pos' ? q.sentiment : '';
  const before = /^(\d{1,15})-(\d{1,15})$/.exec(q.before ?? '');
  const search: PostSearch = { limit: 51 };
  if (text) search.q = text;
  if (product) search.product = product;
  if (region) search.region = region;
  if (sentiment) search.sentiment = sentiment;
  for (const [k] of FLAGS) if (q[k] === 'on') search[k] = true;
  const from = parseTime(q.from, false);
  const until = parseTime(q.until, true);
  if (from !== undefined) search.from = from;
  if (until !== undefined) search.to = until;
  if (before) search.before = { publishedAt: Number(before[1]), id: Number(before[2]) };
  const rows = await searchPosts(deps.db, search);
  const page = rows.slice(0, 50);
  const last = page[page.length - 1];
  const keep = { q: text, product, region, sentiment, from: q.from, until: q.until, ...Object.fromEntries(FLAGS.map(([k]) => [k, q[k] === 'on' ? 'on' : ''])) };

  return c.html(
    <Layout ctx={ctx} title="Posts">
      <form class="filters" method="get" action="/posts" role="search" aria-label="Search posts">
        <label>
          Text
          <input type="search" name="q" value={text} placeholder="e.g. no updates" />
        </label>
        <label>
          Product
          <select name="product">
            <option value="">all</option>
            {products.map((p) => <option value={p.id} selected={p.id === product}>{p.name}</option>)}
          </select>
        </label>
        <label>
          Region
          <select name="region">
            <option value="">all</option>
            {REGIONS.map((r) => <option value={r} selected={r === region}>{r}</option>)}
          </select>
        </label>
        <label>
          Sentiment
          <select name="sentiment">
            <option value="">any</option>
            <option value="neg" selected={sentiment === 'neg'}>negative</option>
            <option value="neu" selected={sentiment === 'neu'}>neutral</option>
            <option value="pos" selected={sentiment === 'pos'}>positive</option>
          </select>
        </label>
        <label>
          From
          <input type="text" name="from" value={q.from ?? ''} placeholder="YYYY-MM-DD" size={12} />
        </label>
        <label>
          Until
          <input type="text" name="until" value={q.until ?? ''} placeholder="YYYY-MM-DD" size={12} />
        </label>
        <fieldset class="filters">
          <legend class="muted">Flags</legend>
          {FLAGS.map(([k, label]) => (
            <label class="inline">
              <input type="checkbox" name={k} value="on" checked={q[k] === 'on'} /> {label}
            </label>
          ))}
        </fieldset>
        <button type="submit">Search</button>
      </form>
      {page.length === 0 ? (
        <Empty>No posts match. Try fewer words or flags, or a wider time range. <a href="/posts">Clear the search</a>.</Empty>
      ) : (
        <section class="card" aria-label="Results" data-testid="post-results">
          <p class="muted">Newest first{rows.length > 50 ? '; 50 a page' : ''}.</p>
          {page.map((p) => <PostItem post={p} />)}
          <div class="pager">
            {before && <a href={`/posts${qs(keep)}`}>Newest</a>}
            {rows.length > 50 && last && <a href={`/posts${qs({ ...keep, before: `${last.publishedAt}-${last.id}` })}`}>Older posts →</a>}
          </div>
        </section>
      )}
    </Layout>,
  );
}
