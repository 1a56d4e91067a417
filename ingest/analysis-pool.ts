/**
 * Node only: analysis on worker threads, so parsing and storage (main thread) overlap with analysis and
 * both cores work during imports and pulls. Results are identical to `analyzeBatch` (same pure code).
 * Workers (Cloudflare) keep the synchronous default of ingest/store.ts.
 *
 * Under tsx (dev, tests, `npm start`, bin/barometer.js) the worker body is bundled once per process
 * with esbuild into plain JavaScript and evaluated with no loader hooks: each worker then costs
 * ~28 MB instead of ~48 MB with tsx registered in it, and starts faster. Without esbuild the worker
 * registers tsx as before. Results come back in the compact form of ./analysis-wire.ts.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Analysis, AnalyzeInput, CatalogueDefinition } from '../analysis/index.js';
import { decodeResults, type WireResults } from './analysis-wire.js';

export interface AnalysisPool {
  analyzeMany(inputs: AnalyzeInput[]): Promise<Analysis[]>;
  close(): Promise<void>;
}

interface Pending {
  resolve(r: Analysis[]): void;
  reject(e: Error): void;
}

const require = createRequire(import.meta.url);
/** The bundled worker (CommonJS source), built on first use; null when esbuild is not available. */
let bundled: string | null | undefined;

function bundledWorker(entry: URL): string | null {
  if (bundled !== undefined) return bundled;
  try {
    const esbuild = require('esbuild') as typeof import('esbuild');
    const r = esbuild.buildSync({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    bundled = r.outputFiles[0]!.text;
  } catch {
    bundled = null;
  }
  return bundled;
}

/**
 * Analysis makes short-lived garbage only (tokens, matches); with V8's default young generation
 * (up to 48 MB) a worker grew ~50 MB while analysing, with 8 MB ~35 MB, at no measurable speed cost.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

function startWorker(workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./analysis-worker.js', import.meta.url), { workerData, resourceLimits: WORKER_LIMITS });
  const file = new URL('./analysis-worker.ts', import.meta.url);
  const code = bundledWorker(file);
  // execArgv [] so a parent started with `--import tsx` does not load tsx into the worker as well.
  if (code !== null) return new Worker(code, { eval: true, workerData, execArgv: [], resourceLimits: WORKER_LIMITS });
  const tsx = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(file.href)}); })`;
  return new Worker(boot, { eval: true, workerData, resourceLimits: WORKER_LIMITS });
}

/**
 * `size` workers (default: one per core but one — the main thread, which parses and writes, is the
 * busier side of an import: ~150 µs per post against ~80 µs of analysis on the bench's posts).
 */
export function createAnalysisPool(def: CatalogueDefinition, size = Math.max(1, availableParallelism() - 1)): AnalysisPool {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  const workers = Array.from({ length: size }, () => {
    const w = startWorker(JSON.parse(JSON.stringify(def)) as unknown);
    w.on('message', (msg: { id: number; results?: WireResults; error?: string }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.error !== undefined) p.reject(new Error(`analysis worker: ${msg.error}`));
      else p.resolve(decodeResults(msg.results!));
    });
    w.on('error', (error) => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
    return w;
  });
  let rr = 0;
  const send = (inputs: AnalyzeInput[]) =>
    new Promise<Analysis[]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      workers[rr++ % workers.length]!.postMessage({ id, inputs });
    });
  return {
    async analyzeMany(inputs) {
      if (inputs.length === 0) return [];
      // Split so every worker gets a share of a large batch.
      const parts = Math.min(workers.length, Math.ceil(inputs.length / 250));
      const size = Math.ceil(inputs.length / parts);
      const chunks: Promise<Analysis[]>[] = [];
      for (let i = 0; i < inputs.length; i += size) chunks.push(send(inputs.slice(i, i + size)));
      return (await Promise.all(chunks)).flat();
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
