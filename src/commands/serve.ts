import { startServer } from '../server.js';
import type { Command } from './types.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run Barometer: migrations, web server, scheduled pulls (and the demo when unconfigured)',
  description:
    'With no barometer.config.json and no sources it runs the bundled demo on 127.0.0.1.\n' +
    'Environment: PORT (8787), HOST (127.0.0.1), DATABASE_URL, BAROMETER_CONFIG, BAROMETER_DEMO=auto|on|off.',
  options: {
    port: { type: 'string', short: 'p', description: 'port to listen on (overrides PORT)' },
    host: { type: 'string', description: 'address to bind (overrides HOST)' },
  },
  async run({ values }, io) {
    const env = { ...io.env };
    if (typeof values.port === 'string') env.PORT = values.port;
    if (typeof values.host === 'string') env.HOST = values.host;
    const server = await startServer({ env, cwd: io.cwd, stdout: io.stdout, stderr: io.stderr });
    await new Promise<void>((resolve) => {
      const stop = () => {
        io.stderr.write('shutting down\n');
        void server.close().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
};
