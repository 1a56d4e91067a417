/** Worker thread body for ingest/analysis-pool.ts: compiles the catalogue once, analyses batches. */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeBatch, compileCatalogue, type AnalyzeInput, type CatalogueDefinition } from '../analysis/index.js';

const catalogue = compileCatalogue(workerData as CatalogueDefinition);
parentPort!.on('message', (msg: { id: number; inputs: AnalyzeInput[] }) => {
  try {
    parentPort!.postMessage({ id: msg.id, results: analyzeBatch(msg.inputs, catalogue) });
  } catch (error) {
    parentPort!.postMessage({ id: msg.id, error: error instanceof Error ? error.message : String(error) });
  }
});
