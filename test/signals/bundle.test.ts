import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';

describe('analysis/signals bundle', () => {
  it('bundles for workerd (platform neutral) with no Node built-ins or I/O', async () => {
    const out = await build({
      entryPoints: ['analysis/signals/index.ts'],
      bundle: true,
      platform: 'neutral',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]?.text ?? '';
    expect(code.length).toBeGreaterThan(1000);
    expect(code).not.toMatch(/from\s+["'](node:|fs|path|crypto)/);
    expect(code).not.toMatch(/process\.env|Date\.now\(|new Date\(\)|Math\.random\(|fetch\(/);
  });
});
