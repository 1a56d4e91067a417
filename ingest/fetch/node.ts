/**
 * Node transport: node:http/https with a DNS lookup that resolves every address of the host,
 * refuses the request if any of them is blocked by the policy, and hands the socket exactly the
 * address it checked — so the address connected is the address checked (no DNS-rebinding window).
 * Also: connect timeout, gzip/deflate/br decoding, keep-alive agents.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { checkAddress } from './address.js';
import { createFetcher, type FetcherOptions } from './core.js';
import { FetchError } from './errors.js';
import type { Fetcher, Transport, TransportRequest, TransportResponse } from './types.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all its addresses (injectable: tests simulate hostile DNS). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export interface NodeTransportOptions {
  resolver?: Resolver;
  /** Sockets per host kept by the agents (default 8). */
  maxSockets?: number;
}

export type NodeTransport = Transport & { close(): void };

export function createNodeTransport(opts: NodeTransportOptions = {}): NodeTransport {
  const resolver = opts.resolver ?? systemResolver;
  const agentOpts = { keepAlive: true, maxSockets: opts.maxSockets ?? 8, timeout: 30_000 };
  // One pair of agents per policy: a kept-alive socket opened under a wider policy must never
  // serve a request made under a narrower one (it would skip the address check).
  const agents = new Map<string, { http: http.Agent; https: https.Agent }>();
  const agentsFor = (p: TransportRequest['policy']) => {
    const key = `${p.allowLoopback === true}|${p.allowPrivate === true}`;
    let a = agents.get(key);
    if (!a) {
      a = { http: new http.Agent(agentOpts), https: new https.Agent(agentOpts) };
      agents.set(key, a);
    }
    return a;
  };

  const transport = ((req: TransportRequest) =>
    new Promise<TransportResponse>((resolve, reject) => {
      const { url, policy } = req;
      const toError = (hostname: string, e: unknown) =>
        (e instanceof FetchError
          ? e
          : new FetchError('dns', `cannot resolve ${hostname}: ${(e as Error)?.message ?? String(e)}`, { url: url.href, cause: e })) as unknown as NodeJS.ErrnoException;
      const lookup: LookupFunction = (hostname, options, callback) => {
        resolver(hostname).then(
          (addrs) => {
            let use: ResolvedAddress[];
            try {
              if (addrs.length === 0) throw new FetchError('dns', `${hostname} has no addresses`, { url: url.href });
              for (const a of addrs) checkAddress(a.address, policy, url.href);
              const wanted = options.family === 4 || options.family === 6 ? addrs.filter((a) => a.family === options.family) : addrs;
              use = wanted.length > 0 ? wanted : addrs;
            } catch (e) {
              callback(toError(hostname, e), '', 0);
              return;
            }
            if (options.all) (callback as (e: null, a: ResolvedAddress[]) => void)(null, use);
            else callback(null, use[0]!.address, use[0]!.family);
          },
          (e: unknown) => callback(toError(hostname, e), '', 0),
        );
      };
      const isHttps = url.protocol === 'https:';
      const mod = isHttps ? https : http;
      let connectTimer: ReturnType<typeof setTimeout> | undefined;
      let settled = false;
      const fail = (e: unknown) => {
        if (connectTimer) clearTimeout(connectTimer);
        if (!settled) {
          settled = true;
          reject(e);
        }
      };
      const r = mod.request(
        {
          protocol: url.protocol,
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port || (isHttps ? 443 : 80),
          path: url.pathname + url.search,
          method: req.method,
          headers: req.headers,
          agent: isHttps ? agentsFor(policy).https : agentsFor(policy).http,
          lookup,
          signal: req.signal,
        },
        (res) => {
          if (connectTimer) clearTimeout(connectTimer);
          let body: Readable = res;
          const enc = (res.headers['content-encoding'] ?? '').toLowerCase().trim();
          const decomp =
            enc === 'gzip' || enc === 'x-gzip'
              ? zlib.createGunzip()
              : enc === 'deflate'
                ? zlib.createInflate()
                : enc === 'br'
                  ? zlib.createBrotliDecompress()
                  : null;
          if (decomp) {
            body = decomp;
            pipeline(res, decomp, () => {});
          }
          const onAbort = () => body.destroy(new Error('aborted'));
          req.signal.addEventListener('abort', onAbort, { once: true });
          body.once('close', () => req.signal.removeEventListener('abort', onAbort));
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          }
          settled = true;
          resolve({
            status: res.statusCode ?? 0,
            headers,
            body: body as AsyncIterable<Uint8Array>,
            cancel: () => {
              body.destroy();
              res.destroy();
            },
          });
        },
      );
      r.on('socket', (socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(() => {
          r.destroy(new FetchError('connect_timeout', `no connection within ${req.connectTimeoutMs} ms`, { url: url.href }));
        }, req.connectTimeoutMs);
        socket.once(isHttps ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
      });
      r.on('error', fail);
      if (req.body !== undefined) r.end(req.body);
      else r.end();
    })) as NodeTransport;
  transport.close = () => {
    for (const a of agents.values()) {
      a.http.destroy();
      a.https.destroy();
    }
    agents.clear();
  };
  return transport;
}

export type NodeFetcherOptions = Omit<FetcherOptions, 'transport'> & NodeTransportOptions;

/**
 * The fetcher for Node: `createNodeFetcher()` for production (public addresses only),
 * `createNodeFetcher({ policy: { allowLoopback: true }, minHostIntervalMs: 0 })` for tests and the demo.
 */
export function createNodeFetcher(opts: NodeFetcherOptions = {}): Fetcher & { close(): void } {
  const { resolver, maxSockets, ...rest } = opts;
  const transport = createNodeTransport({
    ...(resolver ? { resolver } : {}),
    ...(maxSockets ? { maxSockets } : {}),
  });
  const f = createFetcher({ ...rest, transport });
  return { get: f.get, close: transport.close };
}
