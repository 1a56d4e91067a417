/**
 * The Cloudflare Workers entry point (DESIGN.md "Running", scale-out). The same Hono app as on Node,
 * over D1 (or Turso over HTTP); Cron Triggers instead of node-cron; a Queue fans the due sources out
 * so one slow source never holds up the rest. Like src/server.ts, this is the only place that reads
 * the environment (Workers' `env`) and opens the database. docs/workers.md explains the set-up.
 */
import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { consumeSourceJobs, scheduledIngest } from './worker/ingest.js';
import { runDueDigests } from './digest/job.js';
import {
  openWorkerDb,
  workerConfig,
  workerLogger,
  type ExecutionContextLike,
  type MessageBatchLike,
  type ScheduledControllerLike,
  type SourceJob,
  type WorkerEnv,
} from './worker/env.js';

type App = ReturnType<typeof createApp>;

/** Built once per isolate (env is stable for an isolate's life), like the Node server builds it once. */
let cached: { env: WorkerEnv; app: App } | null = null;

function appFor(env: WorkerEnv): App {
  if (cached?.env === env) return cached.app;
  const config = workerConfig(env);
  const db = openWorkerDb(env, config);
  // No demo on Workers: the demo needs the loopback replay server, which only the Node entry starts.
  const app = createApp({ db, config, clock: systemClock, logger: workerLogger(config), demo: false });
  cached = { env, app };
  return app;
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Response | Promise<Response> {
    return appFor(env).fetch(request, env, ctx as never);
  },

  /** Cron Trigger: enqueue every due source (or pull inline when no queue is bound). */
  async scheduled(controller: ScheduledControllerLike, env: WorkerEnv): Promise<void> {
    const config = workerConfig(env);
    const db = openWorkerDb(env, config);
    await scheduledIngest({ env, config, db, logger: workerLogger(config) }, controller.scheduledTime);
    // The daily digest: the same job as node-cron runs. No SMTP on Workers (nodemailer is Node-only), so with
    // no mailer it logs and skips, claiming nothing; the Node server (or an injected Mailer) sends it.
    await runDueDigests({ db, config, clock: { now: () => controller.scheduledTime }, logger: workerLogger(config), mailer: null });
  },

  /** Queue consumer: pull and store each source; Queue settings in wrangler.toml do retries and dead-letter. */
  async queue(batch: MessageBatchLike<SourceJob>, env: WorkerEnv): Promise<void> {
    const config = workerConfig(env);
    const db = openWorkerDb(env, config);
    await consumeSourceJobs({ env, config, db, logger: workerLogger(config) }, batch);
  },
};
