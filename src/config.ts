/**
 * The one place that reads the environment and the config file. Everything else receives a typed
 * `Config` (STYLE.md §8). A bad file fails at start with the path of the bad field.
 * The schemas and `configFromEnv` live in ./config-schema.ts (portable: the Worker imports it
 * without pulling in node:fs); this file adds the Node loader and re-exports them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, configFromEnv, envSchema, type Config } from './config-schema.js';

export * from './config-schema.js';

export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const parsedEnv = envSchema.safeParse(env);
  // configFromEnv reports the bad variable; check first so a bad env fails before the file is read.
  if (!parsedEnv.success) return configFromEnv(env);
  const e = parsedEnv.data;

  const explicitPath = e.BAROMETER_CONFIG ? resolve(cwd, e.BAROMETER_CONFIG) : null;
  const defaultPath = resolve(cwd, 'barometer.config.json');
  const configPath = explicitPath ?? (existsSync(defaultPath) ? defaultPath : null);
  let raw: unknown = {};
  if (configPath) {
    let text: string;
    try {
      text = readFileSync(configPath, 'utf8');
    } catch (error) {
      throw new ConfigError(`cannot read config file ${configPath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`config file ${configPath} is not valid JSON: ${(error as Error).message}`);
    }
  }
  return configFromEnv(env, raw, configPath);
}
