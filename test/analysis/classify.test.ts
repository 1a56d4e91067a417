import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { classifyCommand } from '../../src/commands/classify.js';

async function runClassify(input: string): Promise<{ code: number | void; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const cwd = mkdtempSync(join(tmpdir(), 'barometer-classify-'));
  const code = await classifyCommand.run({ values: {}, positionals: [] }, { stdin: Readable.from([input]), stdout, stderr, env: {}, cwd });
  return { code, out, err };
}

describe('barometer classify', () => {
  it('writes one JSONL result per input line, in order, with the id first', async () => {
    const { code, out, err } = await runClassify(
      '{"id":"a","text":"Outlook is down again, no updates"}\n{"id":7,"text":"lovely weather","title":"Hi"}\n',
    );
    expect(code).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['a', 7]);
    expect(lines[0]).toMatchObject({ outage: { flag: true }, products: ['exchange-online'], commsComplaint: true });
    expect(Object.keys(lines[0]!)[0]).toBe('id');
    expect(err).toMatch(/2 classified/);
  });
  it('reports a bad line on stderr with its number, keeps going, and exits non-zero', async () => {
    const { code, out, err } = await runClassify('{"id":"1","text":"Teams down"}\n{oops\n{"id":"3"}\n[1]\n{"id":"5","text":"ok"}\n');
    expect(code).toBe(1);
    expect(out.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['1', '5']);
    expect(err).toMatch(/line 2: not JSON/);
    expect(err).toMatch(/line 3: "text" must be a string/);
    expect(err).toMatch(/line 4: expected a JSON object/);
  });
});
