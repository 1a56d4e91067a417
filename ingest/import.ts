/**
 * `barometer import FILE.jsonl`: streams the file line by line in batches (constant memory: one batch
 * in flight, the stream paused while it is stored). Each batch commits atomically (ingest/store.ts),
 * so a killed import loses at most the batch in flight and re-running skips what is stored (a hash
 * check per post, no re-analysis).
 */
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Db } from '../db/client.js';
import { parsePushLine, storePushItems, type PushItem } from './push.js';
import type { StoreContext } from './store.js';

export interface ImportProgress {
  bytes: number;
  totalBytes: number;
  lines: number;
  inserted: number;
  updated: number;
  unchanged: number;
  invalid: number;
  elapsedMs: number;
}

export interface ImportSummary extends ImportProgress {
  valid: number;
}

export interface ImportOptions {
  db: Db;
  ctx: StoreContext;
  file: string;
  /** fetched_at for stored posts. */
  now: () => number;
  /** Lines per atomic batch (default 2,000). */
  batchSize?: number;
  /** Called after every stored batch. */
  onProgress?: (p: ImportProgress) => void;
  /** Called for each invalid line (1-based line number). */
  onInvalid?: (line: number, reason: string) => void;
  /** Batches prepared ahead of the one being written (default 2). */
  inFlight?: number;
  /** Monotonic clock for rates (default performance.now). */
  clock?: () => number;
}

export async function importJsonl(o: ImportOptions): Promise<ImportSummary> {
  const clock = o.clock ?? (() => performance.now());
  const t0 = clock();
  const totalBytes = statSync(o.file).size;
  const stream = createReadStream(o.file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const p: ImportProgress = { bytes: 0, totalBytes, lines: 0, inserted: 0, updated: 0, unchanged: 0, invalid: 0, elapsedMs: 0 };
  let valid = 0;
  const batchSize = o.batchSize ?? 2_000;
  let batch: PushItem[] = [];

  // Two batches in flight: one being analysed while the previous one is written (writes stay in order).
  let lastWrite: Promise<unknown> = Promise.resolve();
  const inflight: Promise<void>[] = [];
  const flush = async (drain = false) => {
    if (batch.length > 0) {
      const items = batch;
      batch = [];
      const stored = storePushItems(o.db, o.ctx, items, o.now(), lastWrite).then((r) => {
        p.inserted += r.inserted;
        p.updated += r.updated;
        p.unchanged += r.unchanged;
        p.bytes = Math.min(totalBytes, stream.bytesRead);
        p.elapsedMs = clock() - t0;
        o.onProgress?.({ ...p });
      });
      lastWrite = stored.catch(() => undefined);
      inflight.push(stored);
    }
    while (inflight.length > (drain ? 0 : (o.inFlight ?? 2) - 1)) await inflight.shift();
  };

  try {
    for await (const line of lines) {
      p.lines++;
      if (line.trim() === '') continue;
      const parsed = parsePushLine(line);
      if (!parsed.ok) {
        p.invalid++;
        o.onInvalid?.(p.lines, parsed.reason);
        continue;
      }
      valid++;
      batch.push(parsed.item);
      if (batch.length >= batchSize) await flush();
    }
    await flush(true);
  } finally {
    // Never leave a write running behind an error.
    await Promise.allSettled(inflight);
    lines.close();
    stream.destroy();
  }
  p.bytes = totalBytes;
  p.elapsedMs = clock() - t0;
  return { ...p, valid };
}
