/**
 * Node only: analysis on worker threads, so parsing and storage (main thread) overlap with analysis and
 * both cores work during imports and pulls. Results are identical to `analyzeBatch` (same pure code).
 * Workers (Cloudflare) keep the synchronous default of ingest/store.ts.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Analysis, AnalyzeInput, CatalogueDefinition } from '../analysis/index.js';

export interface AnalysisPool {
  analyzeMany(inputs: AnalyzeInput[]): Promise<Analysis[]>;
  close(): Promise<void>;
}

interface Pending {
  resolve(r: Analysis[]): void;
  reject(e: Error): void;
}

export function createAnalysisPool(def: CatalogueDefinition, size = Math.max(1, availableParallelism())): AnalysisPool {
  const isTs = import.meta.url.endsWith('.ts');
  const file = new URL(isTs ? './analysis-worker.ts' : './analysis-worker.js', import.meta.url);
  // Under tsx (dev, tests, `npm start`) the worker registers tsx itself, then loads the TypeScript body.
  const boot = isTs
    ? `import(${JSON.stringify(pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href)}).then((m) => { m.register(); return import(${JSON.stringify(file.href)}); })`
    : null;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  const workers = Array.from({ length: size }, () => {
    const workerData = JSON.parse(JSON.stringify(def)) as unknown;
    const w = boot ? new Worker(boot, { eval: true, workerData }) : new Worker(file, { workerData });
    w.on('message', (msg: { id: number; results?: Analysis[]; error?: string }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.error !== undefined) p.reject(new Error(`analysis worker: ${msg.error}`));
      else p.resolve(msg.results!);
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
