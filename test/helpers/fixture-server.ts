/**
 * A loopback HTTP fixture server for tests: serves files and handlers on 127.0.0.1 on a random
 * port and records every request.
 *
 *   const srv = await startFixtureServer({
 *     fixturesDir: 'test/fixtures',
 *     routes: {
 *       '/feed.xml': file('rss/wordpress.xml', { type: 'application/rss+xml', etag: true }),
 *       '/r/sysadmin/new.json?after=t3_b': json({ ... }),       // exact path+query beats path only
 *       '/flaky': sequence([status(500), status(500), json({ ok: true })]),
 *       '/slow': slowDrip({ intervalMs: 200 }),
 *     },
 *   });
 *   await fetcher.get(srv.url('/feed.xml'));
 *   expect(srv.requests).toHaveLength(1);
 *   srv.route('POST /hook', status(204));          // add routes later; srv.requests[n].body has POST bodies
 *   await srv.close();
 *
 * Building blocks: file, json, text, status, redirect, sequence, byQuery, slowDrip, endless, hang.
 * Pair it with `testFetcher()` from ./fetcher.js (loopback allowed, no politeness delay, no retries).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface RecordedRequest {
  method: string;
  /** Request body as UTF-8 text (bodies over 4 MiB are cut). */
  body: string;
  /** Path with query, as sent. */
  path: string;
  pathname: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  at: number;
}

export interface HandlerContext {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  /** How many times this route has been hit before (0 for the first). */
  hit: number;
  server: FixtureServer;
}

export type Handler = (ctx: HandlerContext) => void | Promise<void>;

export interface FixtureServer {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** Folder file() paths are relative to. */
  readonly fixturesDir: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  url(p: string): string;
  /** Adds or replaces a route. */
  route(key: string, handler: Handler): void;
  /** Requests whose pathname equals `pathname`. */
  requestsTo(pathname: string): RecordedRequest[];
  /** Forgets recorded requests and per-route hit counts (sequence() starts over). */
  reset(): void;
  /** Closes the server and drops open connections (endless/slow responses included). */
  close(): Promise<void>;
}

export interface FixtureServerOptions {
  /**
   * Route keys, most specific first: `'POST /hook'` (method + path), `'/path?a=1'` (exact path and
   * query), `'/path'` (any query). Unmatched requests get a 404 that names the path.
   */
  routes?: Record<string, Handler>;
  /** Base folder for file(); default test/fixtures. */
  fixturesDir?: string;
}

export async function startFixtureServer(opts: FixtureServerOptions = {}): Promise<FixtureServer> {
  const fixturesDir = path.resolve(opts.fixturesDir ?? 'test/fixtures');
  const routes = new Map<string, Handler>(Object.entries(opts.routes ?? {}));
  const hits = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const srv = http.createServer();
  let self!: FixtureServer;
  srv.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 4 * 1024 * 1024) chunks.push(c);
    });
    req.on('end', () => dispatch(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  const dispatch = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    requests.push({
      method,
      body,
      path: url.pathname + url.search,
      pathname: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      at: Date.now(),
    });
    const candidates = [`${method} ${url.pathname}${url.search}`, `${method} ${url.pathname}`, url.pathname + url.search, url.pathname];
    const key = candidates.find((k) => routes.has(k));
    const h = key === undefined ? undefined : routes.get(key);
    if (!h || key === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no fixture route for ${method} ${url.pathname}${url.search}`);
      return;
    }
    const hit = hits.get(key) ?? 0;
    hits.set(key, hit + 1);
    Promise.resolve(h({ req, res, url, hit, server: self })).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(e));
      else res.destroy();
    });
  };
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as AddressInfo).port;
  self = {
    port,
    origin: `http://127.0.0.1:${port}`,
    fixturesDir,
    requests,
    url: (p) => `http://127.0.0.1:${port}${p.startsWith('/') ? p : `/${p}`}`,
    route: (key, handler) => void routes.set(key, handler),
    requestsTo: (pathname) => requests.filter((r) => r.pathname === pathname),
    reset: () => {
      requests.length = 0;
      hits.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        srv.closeAllConnections();
        srv.close(() => resolve());
      }),
  };
  return self;
}

export interface ReplyOptions {
  status?: number;
  type?: string;
  headers?: Record<string, string>;
  /** Send a strong ETag of the body and answer If-None-Match with 304. */
  etag?: boolean;
  /** Send this Last-Modified and answer a matching If-Modified-Since with 304. */
  lastModified?: string;
  /** Replace `{{origin}}` in the body with the server's origin (http://127.0.0.1:PORT). */
  template?: boolean;
}

function sendBody(ctx: HandlerContext, raw: Buffer, o: ReplyOptions, defaultType: string): void {
  const body = o.template ? Buffer.from(raw.toString('latin1').replaceAll('{{origin}}', ctx.server.origin), 'latin1') : raw;
  const headers: Record<string, string> = { 'content-type': o.type ?? defaultType, ...o.headers };
  if (o.etag) headers['etag'] = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
  if (o.lastModified) headers['last-modified'] = o.lastModified;
  const inm = ctx.req.headers['if-none-match'];
  const ims = ctx.req.headers['if-modified-since'];
  if ((o.etag && inm === headers['etag']) || (o.lastModified && !inm && ims === o.lastModified)) {
    delete headers['content-type'];
    ctx.res.writeHead(304, headers).end();
    return;
  }
  headers['content-length'] = String(body.length);
  ctx.res.writeHead(o.status ?? 200, headers).end(body);
}

/** Serves a file under the fixtures folder (read on every hit, so tests may rewrite it). */
export function file(rel: string, o: ReplyOptions = {}): Handler {
  return (ctx) => sendBody(ctx, readFileSync(path.isAbsolute(rel) ? rel : path.join(ctx.server.fixturesDir, rel)), o, guessType(rel));
}

export function json(value: unknown, o: ReplyOptions = {}): Handler {
  return (ctx) => sendBody(ctx, Buffer.from(JSON.stringify(value)), o, 'application/json; charset=utf-8');
}

export function text(body: string | Buffer, o: ReplyOptions = {}): Handler {
  return (ctx) => sendBody(ctx, Buffer.isBuffer(body) ? body : Buffer.from(body), o, 'text/plain; charset=utf-8');
}

export function status(code: number, headers: Record<string, string> = {}): Handler {
  return ({ res }) => void res.writeHead(code, { 'content-type': 'text/plain', ...headers }).end(`status ${code}`);
}

export function redirect(location: string, code = 302): Handler {
  return ({ res }) => void res.writeHead(code, { location }).end();
}

/** Answers with handlers[0] on the first hit, handlers[1] on the second… and the last one forever after. */
export function sequence(handlers: Handler[]): Handler {
  return (ctx) => handlers[Math.min(ctx.hit, handlers.length - 1)]!(ctx);
}

/** Sends headers, then `chunk` every `intervalMs` without ever finishing (a slow-loris server). */
export function slowDrip(o: { intervalMs?: number; chunk?: string; type?: string } = {}): Handler {
  return ({ res }) => {
    res.writeHead(200, { 'content-type': o.type ?? 'application/rss+xml' });
    res.write('<?xml version="1.0"?>');
    const t = setInterval(() => res.write(o.chunk ?? ' '), o.intervalMs ?? 100);
    res.on('close', () => clearInterval(t));
  };
}

/** Streams `chunkBytes` chunks as fast as the client reads, forever (or until `totalBytes`). */
export function endless(o: { chunkBytes?: number; type?: string; declareLength?: number } = {}): Handler {
  return ({ res }) => {
    const headers: Record<string, string> = { 'content-type': o.type ?? 'application/rss+xml' };
    if (o.declareLength !== undefined) headers['content-length'] = String(o.declareLength);
    res.writeHead(200, headers);
    const chunk = Buffer.alloc(o.chunkBytes ?? 64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (!res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
    };
    (res as unknown as { bytesSent?: () => number }).bytesSent = () => sent;
    pump();
  };
}

/** Accepts the request and never answers. */
export function hang(): Handler {
  return () => {};
}

function guessType(rel: string): string {
  if (rel.endsWith('.json')) return 'application/json; charset=utf-8';
  if (rel.endsWith('.atom')) return 'application/atom+xml';
  if (rel.endsWith('.rss') || rel.endsWith('.xml') || rel.endsWith('.rdf')) return 'application/rss+xml';
  if (rel.endsWith('.html')) return 'text/html; charset=utf-8';
  return 'application/octet-stream';
}

/**
 * Dispatches on one query parameter: `byQuery('after', { '': file('page1.json'), t3_b: file('page2.json') })`.
 * The key '' matches a request without the parameter; unmatched values get `fallback` or a 404.
 */
export function byQuery(param: string, cases: Record<string, Handler>, fallback?: Handler): Handler {
  return (ctx) => {
    const v = ctx.url.searchParams.get(param) ?? '';
    const h = cases[v] ?? fallback;
    if (!h) return void ctx.res.writeHead(404, { 'content-type': 'text/plain' }).end(`no case for ${param}=${v}`);
    return h(ctx);
  };
}
