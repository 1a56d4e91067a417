import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_HEAP_FLAGS } from '../../src/node-flags.js';

const root = join(import.meta.dirname, '..', '..');

describe('V8 heap flags', () => {
  it('npm start and bin/barometer.js start node with src/node-flags.ts flags', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['start']).toBe(`node ${NODE_HEAP_FLAGS.join(' ')} --import tsx src/cli.ts serve`);
    const shebang = readFileSync(join(root, 'bin', 'barometer.js'), 'utf8').split('\n')[0];
    expect(shebang).toBe(`#!/usr/bin/env -S node ${NODE_HEAP_FLAGS.join(' ')}`);
  });
});
