/** The import's line splitter breaks lines exactly as readline (crlfDelay Infinity) does, whatever the chunking (bytes cut anywhere). */
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { linesOf } from '../../ingest/import.js';
import { mulberry32 } from '../../analysis/signals/stats.js';

async function viaReadline(text: string): Promise<string[]> {
  const out: string[] = [];
  for await (const line of createInterface({ input: Readable.from([text]), crlfDelay: Infinity })) out.push(line);
  return out;
}

async function viaLinesOf(chunks: (string | Buffer)[]): Promise<string[]> {
  const out: string[] = [];
  const buffers = chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c));
  for await (const lines of linesOf(Readable.from(buffers, { objectMode: true }))) out.push(...lines);
  return out;
}

describe('import line splitting', () => {
  it('matches readline on \\n, \\r\\n, lone \\r, blank and unterminated lines, split anywhere', async () => {
    const rnd = mulberry32(7);
    const alphabet = ['a', 'b', '{"x":1}', ' ', '\n', '\r', '\r\n', 'é', '😀'];
    for (let round = 0; round < 300; round++) {
      let text = '';
      const n = Math.floor(rnd() * 30);
      for (let i = 0; i < n; i++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      // Cut the bytes anywhere, inside a multi-byte character too.
      const bytes = Buffer.from(text);
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; ) {
        const len = 1 + Math.floor(rnd() * 5);
        chunks.push(bytes.subarray(i, i + len));
        i += len;
      }
      expect(await viaLinesOf(chunks), JSON.stringify(text)).toEqual(await viaReadline(text));
    }
  });

  it('keeps a \\r\\n split across two chunks as one break', async () => {
    expect(await viaLinesOf(['one\r', '\ntwo\r', '\r\nthree'])).toEqual(['one', 'two', '', 'three']);
  });
});
