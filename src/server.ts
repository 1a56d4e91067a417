/**
 * The Node entry point: reads the environment (through src/config.ts), opens and migrates the
 * database, starts the web server and the schedules. With no configuration it runs the demo.
 */
import type { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { loadConfig, isDemoMode, type Config } from './config.js';
import { openDb } from '../db/client.js';
import { applyMigrations } from '../db/migrate.js';
import { createApp } from './app.js';
import { createLogger, type Logger } from './log.js';
import { systemClock, type Clock } from './clock.js';
import { CliError } from './commands/types.js';
import { createNodeFetcher } from '../ingest/fetch/node.js';
import { startSignals } from './signals/runtime.js';
import { generateLoginToken } from './session.js';
import { startIngestion } from './ingestion.js';
import { startDigestSchedule } from './digest/schedule.js';
import { mailerFromConfig } from './digest/node-mailer.js';

export interface StartOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  stdout: Writable;
  stderr: Writable;
  clock?: Clock;
}

export interface RunningServer {
  url: string;
  config: Config;
  close(): Promise<void>;
}

/** Listens, turning "port in use" and friends into one clear line instead of a stack trace. */
function listen(server: ReturnType<typeof createAdaptorServer>, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new CliError(`port ${port} on ${host} is already in use; set PORT or pass --port`));
      else if (error.code === 'EACCES') reject(new CliError(`not allowed to listen on ${host}:${port}; choose a port above 1024`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') reject(new CliError(`cannot listen on ${host}: no such local address`));
      else reject(error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const config = loadConfig(options.env, options.cwd);
  // Without BAROMETER_ADMIN_TOKEN, a fresh dashboard login token per start (printed below).
  config.adminToken ??= generateLoginToken();
  const logger: Logger = createLogger(config.logLevel, {}, (line) => options.stderr.write(line + '\n'));
  const clock = options.clock ?? systemClock;
  const opened = await openDb(config.databaseUrl, config.databaseAuthToken);
  const cleanups: (() => Promise<void> | void)[] = [() => opened.close()];
  try {
    const migration = await applyMigrations(opened.db);
    logger.info('database ready', { url: config.databaseUrl, migration: migration.version });
    const demo = isDemoMode(config);

    // Signals: alert bus (SSE), a tick for silence alerts, and the webhook delivery loop on its own timer.
    // Ingestion calls `signals.onBatch` after every stored batch (it schedules an evaluation, never waits for it).
    const webhookFetcher = createNodeFetcher({ retries: 0, minHostIntervalMs: 0, timeoutMs: 10_000 });
    const signals = startSignals({ db: opened.db, config, clock, logger, fetcher: webhookFetcher });
    cleanups.unshift(async () => {
      await signals.stop();
      webhookFetcher.close();
    });

    const app = createApp({ db: opened.db, config, clock, logger, demo, alertBus: signals.bus });
    const server = createAdaptorServer({ fetch: app.fetch });
    const address = await listen(server, config.port, config.host);
    cleanups.unshift(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}`;
    logger.info('listening', { url, demo });
    options.stdout.write(`Barometer is running at ${url}\n`);
    options.stdout.write(`Dashboard login: ${url}/login?token=${encodeURIComponent(config.adminToken)}\n`);
    // Ingestion after listening so start-up stays fast; the demo ingests in the background.
    const ingestion = await startIngestion({ db: opened.db, config, clock, logger, demo, onBatch: signals.onBatch });
    cleanups.unshift(() => ingestion.stop());
    const digest = startDigestSchedule({ db: opened.db, config, clock, logger: logger.child({ part: 'digest' }), mailer: mailerFromConfig(config, options.cwd, logger), demo });
    cleanups.unshift(() => digest.stop());
    return {
      url,
      config,
      close: async () => {
        for (const cleanup of cleanups) await cleanup();
      },
    };
  } catch (error) {
    for (const cleanup of cleanups) await cleanup();
    throw error;
  }
}
