/**
 * Transport over the platform's global fetch (Cloudflare Workers). Workers cannot resolve DNS, so
 * the guard here is the literal check the core does on every hop (IP literals, localhost, metadata
 * names); Workers' own egress cannot reach private networks anyway. No separate connect timeout.
 */
import type { Transport, TransportResponse } from './types.js';

export function createWebTransport(fetchImpl: typeof fetch = globalThis.fetch): Transport {
  return async (req) => {
    const res = await fetchImpl(req.url.href, {
      method: req.method,
      headers: req.headers,
      redirect: 'manual',
      signal: req.signal,
      ...(req.body !== undefined ? { body: req.body as BodyInit } : {}),
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      headers[k.toLowerCase()] = v;
    });
    // fetch already decompressed the body.
    delete headers['content-length'];
    delete headers['content-encoding'];
    const stream = res.body;
    const reader = stream?.getReader();
    const body: AsyncIterable<Uint8Array> = {
      async *[Symbol.asyncIterator]() {
        if (!reader) return;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      },
    };
    const out: TransportResponse = {
      status: res.status,
      headers,
      body,
      cancel: () => {
        reader?.cancel().catch(() => {});
      },
    };
    return out;
  };
}
