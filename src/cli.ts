/**
 * `barometer` command line. stdout carries only data; progress, logs and errors go to stderr.
 * A user error is one line on stderr and a non-zero exit, never a stack trace wall.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { pathToFileURL } from 'node:url';
import { commands } from './commands/index.js';
import { CliError, type CliIO, type Command } from './commands/types.js';
import { ConfigError } from './config.js';
import { DatabaseError } from '../db/client.js';
import { APP_VERSION } from './version.js';

function usageOf(command: Command): string {
  const lines = [`Usage: barometer ${command.name}${command.options ? ' [options]' : ''}${command.args ? ` ${command.args}` : ''}`, '', command.summary];
  if (command.description) lines.push('', command.description);
  const options = Object.entries(command.options ?? {});
  lines.push('', 'Options:');
  for (const [name, spec] of options) {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ' VALUE' : ''}`;
    const dflt = spec.default !== undefined ? ` (default: ${String(spec.default)})` : '';
    lines.push(`  ${flag.padEnd(28)} ${spec.description}${dflt}`);
  }
  lines.push(`  ${'-h, --help'.padEnd(28)} show this help`);
  return lines.join('\n') + '\n';
}

function overview(prefix = ''): string {
  const listed = commands.filter((c) => c.name.startsWith(prefix));
  const width = Math.max(...listed.map((c) => c.name.length)) + 2;
  return [
    `Barometer ${APP_VERSION}: what an outage and the silence around it cost.`,
    '',
    `Usage: barometer ${prefix || '<command>'}${prefix ? ' <sub-command>' : ''} [options]`,
    '',
    'Commands:',
    ...listed.map((c) => `  ${c.name.padEnd(width)} ${c.summary}`),
    '',
    `Run 'barometer ${prefix || '<command>'}${prefix ? ' <sub-command>' : ''} --help' for details.`,
  ].join('\n') + '\n';
}

/** Finds the longest command name that the argument list starts with ("keys create" before "keys"). */
function match(argv: string[]): { command: Command; rest: string[] } | null {
  let best: { command: Command; rest: string[] } | null = null;
  for (const command of commands) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.command.name.split(' ').length)) {
      best = { command, rest: argv.slice(words.length) };
    }
  }
  return best;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const first = argv[0];
  if (!first || first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(overview());
    return first ? 0 : 1;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${APP_VERSION}\n`);
    return 0;
  }
  const found = match(argv);
  if (!found) {
    const group = commands.some((c) => c.name.startsWith(`${first} `));
    if (group && (argv.length === 1 || argv[1] === '--help' || argv[1] === '-h')) {
      io.stdout.write(overview(`${first} `));
      return argv.length === 1 ? 1 : 0;
    }
    io.stderr.write(`barometer: unknown command "${argv.slice(0, group ? 2 : 1).join(' ')}"; run 'barometer --help'\n`);
    return 2;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(usageOf(command));
    return 0;
  }
  const options: ParseArgsConfig['options'] = {};
  for (const [name, spec] of Object.entries(command.options ?? {})) {
    options[name] = {
      type: spec.type,
      ...(spec.short ? { short: spec.short } : {}),
      ...(spec.multiple ? { multiple: true } : {}),
      ...(spec.default !== undefined ? { default: spec.default } : {}),
    } as NonNullable<ParseArgsConfig['options']>[string];
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr.write(`barometer ${command.name}: ${(error as Error).message.split('\n')[0]}; see --help\n`);
    return 2;
  }
  try {
    const code = await command.run({ values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals }, io);
    return typeof code === 'number' ? code : 0;
  } catch (error) {
    if (error instanceof CliError || error instanceof ConfigError || error instanceof DatabaseError) {
      io.stderr.write(`barometer ${command.name}: ${error.message}\n`);
      return error instanceof CliError ? error.exitCode : 1;
    }
    io.stderr.write(`barometer ${command.name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

// Run when executed directly (tsx src/cli.ts …, or bin/barometer.js).
const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  const io: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
  const code = await main(process.argv.slice(2), io);
  // serve keeps running through its own handles; every other command ends here.
  process.exitCode = code;
}
