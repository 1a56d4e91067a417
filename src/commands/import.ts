/** `barometer import FILE.jsonl`: streaming, resumable import of push-shaped items (README "Push and import"). */
import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { loadConfig } from '../config.js';
import { openDb } from '../../db/client.js';
import { applyMigrations } from '../../db/migrate.js';
import { importJsonl, type ImportProgress } from '../../ingest/import.js';
import { createStoreContext } from '../../ingest/store.js';
import { createAnalysisPool } from '../../ingest/analysis-pool.js';
import { CliError, type Command } from './types.js';

function fmtDuration(s: number): string {
  if (!Number.isFinite(s)) return '--:--';
  const m = Math.floor(s / 60);
  return `${m}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
}

/** A progress bar with rate and ETA on a TTY; a plain line every few seconds otherwise. */
export function progressReporter(stderr: Writable, isTty: boolean, everyMs = 5_000): { update(p: ImportProgress): void; done(): void } {
  let lastPlain = -Infinity;
  let drawn = false;
  return {
    update(p) {
      const done = p.lines;
      const rate = p.elapsedMs > 0 ? done / (p.elapsedMs / 1000) : 0;
      const frac = p.totalBytes > 0 ? p.bytes / p.totalBytes : 0;
      const eta = frac > 0 ? ((p.elapsedMs / 1000) * (1 - frac)) / frac : Infinity;
      const stats = `${done} lines, ${Math.round(rate)} lines/s, new ${p.inserted}, updated ${p.updated}, skipped ${p.unchanged}, invalid ${p.invalid}`;
      if (isTty) {
        const width = 24;
        const fill = Math.round(frac * width);
        stderr.write(`\r[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${(frac * 100).toFixed(1)}% ${stats}, ETA ${fmtDuration(eta)}\x1b[K`);
        drawn = true;
      } else if (p.elapsedMs - lastPlain >= everyMs) {
        lastPlain = p.elapsedMs;
        stderr.write(`import: ${(frac * 100).toFixed(1)}% ${stats}, ETA ${fmtDuration(eta)}\n`);
      }
    },
    done() {
      if (drawn) stderr.write('\n');
    },
  };
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import posts from a JSONL file (one push item a line); resumable',
  args: 'FILE.jsonl',
  description:
    'Each line: {"source","external_id","text","published_at"[,"title","url","author"]} (README "Push and import").\n' +
    'Streams the file in atomic batches: re-running after an interruption skips what is stored.\n' +
    'Invalid lines are reported on stderr with their line numbers and counted; the summary (JSON) goes to stdout.',
  options: {
    'batch-size': { type: 'string', description: 'lines per atomic batch', default: '1000' },
  },
  async run({ values, positionals }, io) {
    const path = positionals[0];
    if (!path || positionals.length > 1) throw new CliError('expected one FILE.jsonl argument', 2);
    if (!existsSync(path)) throw new CliError(`no such file: ${path}`);
    const batchSize = Number(values['batch-size'] ?? 1000);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) throw new CliError('--batch-size must be 1–100000');
    const config = loadConfig(io.env, io.cwd);
    const { db, close } = await openDb(config.databaseUrl, config.databaseAuthToken);
    const isTty = Boolean((io.stderr as { isTTY?: boolean }).isTTY);
    const progress = progressReporter(io.stderr, isTty);
    let shown = 0;
    const pool = createAnalysisPool({ products: config.products, regionAliases: config.regionAliases });
    try {
      await applyMigrations(db);
      const summary = await importJsonl({
        db,
        ctx: { ...createStoreContext(config), analyzeMany: pool.analyzeMany },
        file: path,
        now: Date.now,
        batchSize,
        onProgress: (p) => progress.update(p),
        onInvalid: (line, reason) => {
          if (shown++ < 100) io.stderr.write(`${isTty ? '\r\x1b[K' : ''}${path}:${line}: ${reason}\n`);
          else if (shown === 101) io.stderr.write(`(further invalid lines are only counted)\n`);
        },
      });
      progress.done();
      const seconds = summary.elapsedMs / 1000;
      io.stdout.write(
        JSON.stringify({
          file: path,
          lines: summary.lines,
          valid: summary.valid,
          inserted: summary.inserted,
          updated: summary.updated,
          alreadyStored: summary.unchanged,
          invalid: summary.invalid,
          seconds: Math.round(seconds * 10) / 10,
          linesPerSecond: Math.round(summary.lines / Math.max(seconds, 1e-3)),
        }) + '\n',
      );
      return summary.invalid > 0 ? 3 : 0;
    } finally {
      await pool.close();
      close();
    }
  },
};
