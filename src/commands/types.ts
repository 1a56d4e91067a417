/** The shape every `barometer` sub-command has; src/commands/index.ts lists them. */
import type { Readable, Writable } from 'node:stream';

export interface CliIO {
  stdin: Readable;
  /** Data only (JSON, JSONL, keys, URLs the user asked for). */
  stdout: Writable;
  /** Progress, logs and errors. */
  stderr: Writable;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  description: string;
  default?: string | boolean;
  multiple?: boolean;
}

export interface Command {
  /** e.g. "migrate" or "keys create" (a space makes a sub-command of a group). */
  name: string;
  summary: string;
  /** Positional arguments as shown in help, e.g. "FILE.jsonl". */
  args?: string;
  options?: Record<string, OptionSpec>;
  /** Long help text shown under the usage line. */
  description?: string;
  run(input: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }, io: CliIO): Promise<number | void>;
}

/** A problem the user can fix; printed as one line on stderr, exit code 1 (or `exitCode`). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
