#!/usr/bin/env -S node --max-semi-space-size=2 --max-old-space-size=256
// V8 heap flags: src/node-flags.ts (npm start and the benches use the same).
// Runs the TypeScript CLI through tsx, so `npx barometer …` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
const code = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
