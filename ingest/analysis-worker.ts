/**
 * Worker thread body for ingest/analysis-pool.ts: compiles the catalogue once, analyses batches and
 * answers in the compact wire form (ingest/analysis-wire.ts), its buffers transferred.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeBatch, compileCatalogue, type AnalyzeInput, type CatalogueDefinition } from '../analysis/index.js';
import { encodeResults } from './analysis-wire.js';

const catalogue = compileCatalogue(workerData as CatalogueDefinition);
parentPort!.on('message', (msg: { id: number; inputs: AnalyzeInput[] }) => {
  try {
    const results = encodeResults(analyzeBatch(msg.inputs, catalogue));
    parentPort!.postMessage({ id: msg.id, results }, [results.scores.buffer, results.bits.buffer]);
  } catch (error) {
    parentPort!.postMessage({ id: msg.id, error: error instanceof Error ? error.message : String(error) });
  }
});
