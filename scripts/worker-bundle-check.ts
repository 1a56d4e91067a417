/**
 * Which Node-only modules reached a Worker bundle. Used by `npm run build:worker` and by the
 * acceptance test on the bundle it serves. Matches import/require sites, not mere mentions.
 */
const imp = (names: string) => new RegExp(`(?:from\\s*|require\\(\\s*|import\\(\\s*)["'](?:node:)?(?:${names})["']`);

export const FORBIDDEN_IN_WORKER: readonly [RegExp, string][] = [
  [imp('fs|fs/promises'), 'fs'],
  [imp('node-cron'), 'node-cron'],
  [imp('libsql|better-sqlite3|@libsql/[a-z0-9-]+'), 'native libSQL'],
  [imp('dns|net|tls|zlib|child_process|worker_threads'), 'a Node-only built-in (dns/net/tls/zlib/child_process)'],
  [imp('nodemailer'), 'nodemailer'],
  [/createNodeFetcher/, 'the Node fetch transport'],
];

/** Names of the forbidden modules found in the bundle's code (empty when clean). */
export function nodeOnlyModulesIn(code: string): string[] {
  return FORBIDDEN_IN_WORKER.filter(([re]) => re.test(code)).map(([, name]) => name);
}
