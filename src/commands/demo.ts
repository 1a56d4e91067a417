/** `barometer demo generate` and `barometer demo serve`: the bundled demo on its own. */
import { DEFAULT_DEMO_SEED, generateDemo } from '../demo/generate.js';
import { replayClock, startReplayServer } from '../demo/replay-server.js';
import { summarizeDemo } from '../demo/summary.js';
import { CliError, type Command } from './types.js';

function seedOf(value: unknown): number {
  if (value === undefined) return DEFAULT_DEMO_SEED;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new CliError(`--seed must be an integer from 0 to 4294967295, got "${String(value)}"`);
  return n;
}

export const demoGenerateCommand: Command = {
  name: 'demo generate',
  summary: 'Generate the demo dataset and print its hash and counts (JSON), or its posts (JSONL)',
  description: 'Deterministic: the same seed always gives the same hash. --jsonl prints one post a line, with its truth labels.',
  options: {
    seed: { type: 'string', description: 'PRNG seed', default: String(DEFAULT_DEMO_SEED) },
    jsonl: { type: 'boolean', description: 'print every post as JSON lines instead of the summary' },
  },
  async run({ values }, io) {
    const dataset = generateDemo({ seed: seedOf(values.seed) });
    if (values.jsonl) {
      for (const p of dataset.posts) io.stdout.write(JSON.stringify(p) + '\n');
      return;
    }
    io.stdout.write(JSON.stringify(summarizeDemo(dataset), null, 2) + '\n');
  },
};

export const demoServeCommand: Command = {
  name: 'demo serve',
  summary: 'Serve the demo dataset as real feeds on 127.0.0.1 and print the URL',
  description:
    'RSS (WordPress comments), Discourse JSON, a Mastodon tag timeline and a Statuspage, all labelled [DEMO].\n' +
    '--speed N replays live: the feeds start at the first day and advance N times faster than real time.',
  options: {
    port: { type: 'string', short: 'p', description: 'port (0 picks a free one)', default: '0' },
    seed: { type: 'string', description: 'PRNG seed', default: String(DEFAULT_DEMO_SEED) },
    speed: { type: 'string', description: 'live replay speed (omit to serve everything at once)' },
  },
  async run({ values }, io) {
    const port = Number(values.port ?? 0);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be 0–65535, got "${String(values.port)}"`);
    const speed = values.speed === undefined ? undefined : Number(values.speed);
    if (speed !== undefined && !(speed > 0)) throw new CliError(`--speed must be a positive number, got "${String(values.speed)}"`);
    const dataset = generateDemo({ seed: seedOf(values.seed) });
    let server;
    try {
      server = await startReplayServer({ dataset, port, ...(speed ? { asOf: replayClock(dataset.from, speed) } : {}) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new CliError(`port ${port} on 127.0.0.1 is already in use`);
      if (code === 'EACCES') throw new CliError(`not allowed to listen on port ${port}`);
      throw error;
    }
    io.stdout.write(`${server.url}/\n`);
    io.stderr.write(`[DEMO] replay server: ${dataset.posts.length} posts; feeds listed at ${server.url}/ (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => void server.close().then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
};
