import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { analyze, compileCatalogue } from '../../analysis/index.js';
import { loadConfig } from '../config.js';
import type { Command } from './types.js';

/**
 * `barometer classify`: JSONL in, JSONL out, so anyone can score Barometer on their own data.
 * stdin: one `{"id", "text", "title"?}` per line. stdout: one `{"id", ...Analysis}` per input line,
 * same order, nothing else. A bad line gets a one-line message on stderr naming its line number
 * and no output line; the rest are still classified, and the exit code is 1 at the end.
 * Blank lines are skipped. Products come from the loaded config (default catalogue without one).
 */
export const classifyCommand: Command = {
  name: 'classify',
  summary: 'Classify JSONL posts from stdin: sentiment, outage, products, regions, flags (JSONL on stdout)',
  description:
    'Input lines: {"id": "1", "text": "Outlook is down again", "title": "optional"}\n' +
    'Output lines: {"id": "1", "sentiment": {...}, "outage": {...}, "products": [...], "regions": [...], ...}',
  async run(_input, io) {
    const config = loadConfig(io.env, io.cwd);
    const catalogue = compileCatalogue({ products: config.products, regionAliases: config.regionAliases });
    const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
    let lineNo = 0;
    let bad = 0;
    let done = 0;
    for await (const line of rl) {
      lineNo++;
      if (!line.trim()) continue;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch (error) {
        bad++;
        io.stderr.write(`barometer classify: line ${lineNo}: not JSON (${(error as Error).message.split('\n')[0]})\n`);
        continue;
      }
      const problem = check(row);
      if (problem) {
        bad++;
        io.stderr.write(`barometer classify: line ${lineNo}: ${problem}\n`);
        continue;
      }
      const { id, text, title } = row as { id: string | number; text: string; title?: string };
      const analysis = analyze(title === undefined || title === null ? { text } : { text, title }, catalogue);
      done++;
      if (!io.stdout.write(JSON.stringify({ id, ...analysis }) + '\n')) await once(io.stdout, 'drain');
    }
    io.stderr.write(`barometer classify: ${done} classified, ${bad} bad line${bad === 1 ? '' : 's'}\n`);
    return bad > 0 ? 1 : 0;
  },
};

function check(row: unknown): string | null {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return 'expected a JSON object';
  const r = row as Record<string, unknown>;
  if (typeof r.id !== 'string' && typeof r.id !== 'number') return '"id" must be a string or number';
  if (typeof r.text !== 'string') return '"text" must be a string';
  if (r.title !== undefined && r.title !== null && typeof r.title !== 'string') return '"title" must be a string when present';
  return null;
}
