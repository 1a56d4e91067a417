/**
 * `npm run build:worker`: bundles src/worker.ts exactly as `wrangler deploy` would (dry run, minified,
 * into dist/worker), prints its size raw and gzipped against Cloudflare's limits, lists the largest
 * inputs, and fails if a Node-only module (fs, node-cron, native libSQL, the Node fetch transport)
 * reached the bundle. stdout: `name value` lines; wrangler's own output goes to stderr.
 */
import { readFileSync, rmSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runWrangler } from './wrangler-local.js';
import { nodeOnlyModulesIn } from './worker-bundle-check.js';

const outdir = 'dist/worker';
const KiB = 1024;
const MiB = 1024 * KiB;
/** Compressed (gzip) script size limits: Workers Free and Workers Paid. */
const LIMITS = { free: 3 * MiB, paid: 10 * MiB };


rmSync(outdir, { recursive: true, force: true });
const code = await runWrangler(['deploy', '--dry-run', '--minify', '--outdir', outdir, '--metafile', join(outdir, 'meta.json')], {
  stdio: ['ignore', process.stderr, 'inherit'],
});
if (code !== 0) {
  process.stderr.write(`build:worker: wrangler failed (exit ${code})\n`);
  process.exit(code);
}

const files = readdirSync(outdir).filter((f) => /\.(m?js|wasm)$/.test(f) && !f.endsWith('.map'));
let raw = 0;
let gz = 0;
const texts: string[] = [];
for (const f of files) {
  const bytes = readFileSync(join(outdir, f));
  raw += statSync(join(outdir, f)).size;
  gz += gzipSync(bytes, { level: 9 }).length;
  if (!f.endsWith('.wasm')) texts.push(bytes.toString('utf8'));
}
const mib = (n: number) => (n / MiB).toFixed(2);
const out = (name: string, value: string | number) => process.stdout.write(`${name} ${value}\n`);
out('worker.bundle_bytes', raw);
out('worker.bundle_gzip_bytes', gz);
out('worker.limit_free_gzip_bytes', LIMITS.free);
out('worker.limit_paid_gzip_bytes', LIMITS.paid);
process.stderr.write(
  `Worker bundle: ${mib(raw)} MiB raw, ${mib(gz)} MiB gzipped — ${((gz / LIMITS.free) * 100).toFixed(0)}% of the 3 MiB Free limit, ` +
    `${((gz / LIMITS.paid) * 100).toFixed(0)}% of the 10 MiB Paid limit.\n`,
);

// The largest inputs, by bytes they add to the bundle (from esbuild's metafile).
try {
  const meta = JSON.parse(readFileSync(join(outdir, 'meta.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  const byPackage = new Map<string, number>();
  for (const o of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(o.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const key = m ? m[1]! : input.replace(/^.*?(src|analysis|ingest|db)\//, '$1/').replace(/\/[^/]+$/, '/');
      byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
    }
  }
  const top = [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
  process.stderr.write('Largest parts (minified bytes):\n');
  for (const [name, bytes] of top) process.stderr.write(`  ${(bytes / KiB).toFixed(0).padStart(6)} KiB  ${name}\n`);
} catch {
  // no metafile: sizes above are still right
}

const leaks = [...new Set(texts.flatMap(nodeOnlyModulesIn))];
if (leaks.length) {
  process.stderr.write(`build:worker: Node-only code reached the Worker bundle: ${leaks.join(', ')}\n`);
  process.exit(1);
}
if (gz > LIMITS.paid) {
  process.stderr.write('build:worker: the bundle is over the 10 MiB Paid limit and cannot be deployed\n');
  process.exit(1);
}
if (gz > LIMITS.free) process.stderr.write('build:worker: over the 3 MiB Free limit; needs Workers Paid\n');
