import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('analysis/ bundles for Workers', () => {
  it('bundles analysis/index.ts for the neutral platform with no Node built-ins, and runs', async () => {
    const entry = fileURLToPath(new URL('../../analysis/index.ts', import.meta.url));
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'neutral',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      // Any import of a Node built-in (node:fs, path, …) fails the build on the neutral platform.
      external: [],
      mainFields: ['module', 'main'],
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/from\s+["'](node:|fs|path|crypto)["']/);
    expect(code).not.toMatch(/\bprocess\.env\b|\brequire\(/);
    // The bundle works on its own.
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as typeof import('../../analysis/index.js');
    const cat = mod.compileCatalogue({ products: [{ id: 'teams', name: 'Teams', aliases: [], components: [] }] });
    expect(mod.analyze({ text: 'Teams is down' }, cat).outage.flag).toBe(true);
  }, 30_000);
});
