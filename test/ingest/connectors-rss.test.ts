import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getConnector } from '../../ingest/connectors/index.js';
import { parseFeed } from '../../ingest/connectors/rss.js';
import { FetchError } from '../../ingest/fetch/index.js';
import { createNodeFetcher } from '../../ingest/fetch/node.js';
import type { ConnectorResult, SourceState } from '../../ingest/types.js';
import { file, startFixtureServer, status, type FixtureServer } from '../helpers/fixture-server.js';

const NOW = Date.UTC(2013, 10, 13, 18, 0);
const EMPTY: SourceState = { cursor: null, etag: null, lastModified: null };
const rss = getConnector('rss');
let srv: FixtureServer;
const fetcher = createNodeFetcher({ policy: { allowLoopback: true }, minHostIntervalMs: 0, retries: 0 });
const ctx = { fetch: fetcher, now: NOW };
const pull = (url: string, state: SourceState = EMPTY, options: Record<string, unknown> = {}) =>
  rss.pull({ id: 1, kind: 'rss', url: srv.url(url), name: 'blog', options }, state, ctx);
const next = (r: ConnectorResult): SourceState => ({ cursor: r.cursor, etag: r.etag ?? null, lastModified: r.lastModified ?? null });

beforeAll(async () => {
  srv = await startFixtureServer({
    routes: {
      '/feed/': file('rss/wordpress-posts.xml', { template: true, etag: true }),
      '/2013/11/13/exo-delays/feed/': file('rss/wordpress-comments.xml', { etag: true }),
      '/2013/11/13/exo-delays/': file('rss/post-page.html', { template: true }),
      '/about/': file('rss/no-feed.html'),
      '/comments.atom': file('rss/comments.atom'),
      '/cp1252.rss': file('rss/cp1252.rss', { type: 'application/rss+xml; charset=windows-1252' }),
      '/latin1.rss': file('rss/latin1.rss', { type: 'text/xml' }),
      '/malformed.xml': file('rss/malformed.xml'),
      '/rss-091.xml': file('rss/rss-091.xml'),
      '/feed.pdf': file('rss/wordpress-posts.xml', { type: 'application/pdf' }),
      '/gone/feed/': status(410),
      '/atom-xhtml.atom': file('rss/atom-xhtml.atom'),
      '/dirty.xml': file('rss/dirty.xml', { type: 'text/xml' }),
      '/atom03.xml': file('rss/atom03.xml', { type: 'application/atom+xml' }),
      '/rss-090.rdf': file('rss/rss-090.rdf', { type: 'application/rdf+xml' }),
      '/feed.json': file('rss/jsonfeed.json', { type: 'application/feed+json' }),
      '/shift_jis.rss': file('rss/shift_jis.rss', { type: 'application/rss+xml' }),
      '/utf16le.rss': file('rss/utf16le.rss', { type: 'application/rss+xml' }),
    },
  });
});
afterEach(() => {
  srv.requests.length = 0;
});
afterAll(async () => {
  fetcher.close();
  await srv.close();
});

describe('rss connector', () => {
  it('reads a WordPress blog feed and the comment feeds its posts announce', async () => {
    const r = await pull('/feed/');
    const ids = r.posts.map((p) => p.externalId);
    expect(ids).toEqual([
      `${srv.origin}/?p=5120`,
      `${srv.origin}/?p=5101`,
      'https://blogs.example.com/office365/?p=5120#comment-1041',
      'https://blogs.example.com/office365/?p=5120#comment-1042',
    ]);
    const comment = r.posts[3]!;
    expect(comment.text).toBe('Radio silence for three hours. We are considering switching & our customers can’t send invoices.');
    expect(comment.parentId).toBe(`${srv.origin}/?p=5120`);
    expect(comment.threadId).toBe(`${srv.origin}/?p=5120`);
    expect(comment.publishedAt).toBe(Date.UTC(2013, 10, 13, 16, 41, 30));
    expect(comment.authorHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(r.posts)).not.toContain('Partner in Leeds');
    expect(r.posts[0]!.title).toBe('Exchange Online mail delivery delays in North America');
    expect(r.posts[0]!.lang).toBe('en-us');
    // The post with slash:comments 0 has no comment feed to read.
    expect(srv.requestsTo('/2013/11/08/lync-resolved/feed/')).toHaveLength(0);
  });

  it('turns HTML with <script> and onerror= into plain text', async () => {
    const r = await pull('/feed/');
    const first = r.posts.find((p) => p.externalId.endsWith('#comment-1041'))!;
    expect(first.text).toBe('Mail to our EMEA tenants has been delayed for four hours and the service health dashboard still shows green.');
    expect(first.text).not.toMatch(/alert|steal|onerror|</);
  });

  it('costs one 304 when nothing changed, and re-reads a comment feed only when its count changes', async () => {
    const a = await pull('/feed/');
    srv.requests.length = 0;
    const b = await pull('/feed/', next(a));
    expect(b.notModified).toBe(true);
    expect(b.posts).toEqual([]);
    expect(srv.requests.map((q) => q.pathname)).toEqual(['/feed/', '/2013/11/13/exo-delays/feed/']);
    expect(srv.requests[1]!.headers['if-none-match']).toMatch(/^"/);
    expect(b.cursor).toBe(a.cursor);
    // Main feed changed (no validators sent) but the comment count did not: the comment feed is skipped.
    srv.requests.length = 0;
    const c = await pull('/feed/', { ...next(a), etag: null });
    expect(c.notModified).toBe(false);
    expect(srv.requests.map((q) => q.pathname)).toEqual(['/feed/']);
  });

  it('follows an HTML post page to its comments feed', async () => {
    const r = await pull('/2013/11/13/exo-delays/');
    expect(r.posts.map((p) => p.externalId)).toEqual([
      'https://blogs.example.com/office365/?p=5120#comment-1041',
      'https://blogs.example.com/office365/?p=5120#comment-1042',
    ]);
  });

  it('reports an HTML page without a feed link clearly', async () => {
    await expect(pull('/about/')).rejects.toMatchObject({ code: 'bad_body', message: expect.stringContaining('without a feed link') });
  });

  it('reads Atom comments with thr:in-reply-to, skipping an entry whose only text is "Comment by …"', async () => {
    const r = await pull('/comments.atom');
    expect(r.posts).toHaveLength(1);
    const [c88] = r.posts;
    expect(c88!.text).toBe('West Europe blobs failing for 40 minutes & no status update yet.');
    expect(c88!.parentId).toBe('tag:blog.example.org,2013:post-12');
    expect(c88!.url).toBe('https://blog.example.org/azure-storage/#comment-88');
    expect(c88!.title).toBeUndefined(); // "Comment by ops_jane" names the author
  });

  it('decodes a windows-1252 feed by Content-Type and an ISO-8859-1 feed by its XML prolog', async () => {
    const fr = await pull('/cp1252.rss');
    expect(fr.posts[0]!.text).toBe('Le service “messagerie” est en panne depuis 2 h — aucune communication. Coût estimé : 300 €.');
    expect(fr.posts[0]!.title).toBe('Panne à Paris');
    const de = await pull('/latin1.rss');
    expect(de.posts[0]!.text).toBe('Seit einer Stunde keine E-Mails, die Statusseite zeigt grün. Ärgerlich!');
  });

  it('repairs what strict XML refuses: junk before the prolog, HTML entities, bare ampersands, CET dates', async () => {
    const r = await pull('/dirty.xml');
    expect(r.posts).toHaveLength(1);
    expect(r.posts[0]).toMatchObject({
      externalId: 'forum-88',
      title: 'AT&T and O2 customers: mail down',
      text: 'Seit 08:00 keine Mails – die Statusseite schweigt.',
      url: 'http://forum.example.at/t/88?a=1&b=2',
      publishedAt: Date.UTC(2013, 10, 25, 7, 0),
    });
  });

  it('reads Atom 0.3 (issued, escaped content) and RSS 0.90', async () => {
    const a = await pull('/atom03.xml');
    expect(a.posts[0]).toMatchObject({
      externalId: 'tag:legacy.example.net,2013:77',
      text: 'Our storage cluster in Dublin failed for two hours.',
      publishedAt: Date.UTC(2013, 10, 13, 17, 0),
    });
    const r = await pull('/rss-090.rdf');
    expect(r.posts[0]).toMatchObject({ externalId: 'http://ancient.example.com/news/1', text: 'Mail servers unreachable since noon' });
  });

  it('survives Atom dates the platform cannot parse and reads xhtml content', async () => {
    const r = await pull('/atom-xhtml.atom');
    expect(r.posts).toHaveLength(2);
    expect(r.posts[0]).toMatchObject({ text: 'Mail queues in Frankfurt are growing.', publishedAt: Date.UTC(2013, 10, 13, 16, 0) });
    expect(r.posts[1]).toMatchObject({ text: 'Still waiting for the provider.', publishedAt: NOW, meta: { dateMissing: true } });
  });

  it('reads a JSON Feed', async () => {
    const r = await pull('/feed.json');
    expect(r.posts.map((p) => [p.externalId, p.text])).toEqual([
      ['2', 'Teams calls failing in Sydney for 30 minutes.'],
      ['1', 'Anyone else? SharePoint 503 & no status update.'],
    ]);
    expect(r.posts[0]).toMatchObject({ title: 'Teams is down', lang: 'en', publishedAt: Date.UTC(2013, 10, 13, 6, 5) });
  });

  it('decodes Shift_JIS by the prolog and UTF-16 by its byte-order mark', async () => {
    const jp = await pull('/shift_jis.rss');
    expect(jp.posts[0]).toMatchObject({ title: 'メール障害', text: '東京でメールが届かない。公式発表なし。' });
    const u16 = await pull('/utf16le.rss');
    expect(u16.posts[0]!.text).toBe('Service dégradé — ça dure.');
  });

  it('reads RSS 0.91 and gives an undated item the pull time', async () => {
    const r = await pull('/rss-091.xml');
    expect(r.posts).toHaveLength(1);
    expect(r.posts[0]).toMatchObject({ externalId: 'http://status.example.net/notes/17', publishedAt: NOW, meta: { dateMissing: true } });
  });

  it('fails clearly on malformed XML and on a wrong content type', async () => {
    const e = await pull('/malformed.xml').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FetchError);
    expect(e).toMatchObject({ code: 'bad_body', message: expect.stringContaining('malformed feed') });
    await expect(pull('/feed.pdf')).rejects.toMatchObject({ code: 'bad_content_type' });
  });

  it('does not fail the source when a post (and its comment feed) was deleted', async () => {
    srv.route('/with-gone.xml', ({ res }) => {
      const xml = readFileSync('test/fixtures/rss/wordpress-posts.xml', 'utf8')
        .replaceAll('{{origin}}', srv.origin)
        .replace('/2013/11/13/exo-delays/feed/</wfw', '/gone/feed/</wfw');
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(xml);
    });
    const r = await pull('/with-gone.xml');
    expect(r.posts).toHaveLength(2);
  });
});

const FEEDS = path.resolve('../shared/data/feeds');
describe.skipIf(!existsSync(FEEDS))('rss connector on the recorded real feeds', () => {
  const expected: Record<string, number> = {
    'content-encoded.rss': 7,
    'guardian.rss': 55,
    'gulp-atom.atom': 10,
    'heise.atom': 15,
    'missing-fields.atom': 0, // one entry with an id and nothing else: no text to keep
    'reddit.rss': 24,
    'rss-1.rss': 69,
  };
  for (const name of existsSync(FEEDS) ? readdirSync(FEEDS) : []) {
    it(`parses ${name}`, async () => {
      srv.route(`/real/${name}`, file(path.join(FEEDS, name)));
      const parsed = await parseFeed(readFileSync(path.join(FEEDS, name), 'utf8'), name);
      const r = await pull(`/real/${name}`);
      expect(r.posts.length).toBe(expected[name] ?? parsed.items.length);
      expect(new Set(r.posts.map((p) => p.externalId)).size).toBe(r.posts.length);
      for (const p of r.posts) {
        expect(p.text.trim()).not.toBe('');
        expect(p.text).not.toMatch(/<\/?(p|div|a|img|br|script)\b/i);
        expect(Number.isFinite(p.publishedAt)).toBe(true);
        expect(p.publishedAt).not.toBe(NOW);
        if (p.url) expect(() => new URL(p.url!)).not.toThrow();
      }
      if (name === 'reddit.rss') {
        // The author is only in a "submitted by" trailer: hashed, and not left in the text.
        expect(r.posts.every((p) => p.authorHash && !/submitted by/.test(p.text))).toBe(true);
        expect(JSON.stringify(r.posts)).not.toContain('cakebeerandmorebeer');
      }
    });
  }
});
