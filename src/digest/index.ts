/** The executives' daily digest (portable parts; the Node mailers are in ./node-mailer.ts). */
export { buildDigest, money, pctChange, type DigestModel, type DigestOptions } from './content.js';
export { loadDigestData, type DigestData } from './data.js';
export { renderHtml, escapeHtml } from './html.js';
export { renderText } from './text.js';
export { pickQuotes, scrub, shorten } from './quotes.js';
export { composeDigest, dueDate, messageFor, publicUrlOf, runDueDigests, sendDigests, yesterday, DEFAULT_RETRY } from './job.js';
export type { ComposedDigest, DigestDeps, RetryPolicy, SendReport } from './job.js';
export type { DigestMessage, Mailer } from './mailer.js';
export { digestHealth, type DigestHealth } from './health.js';
export { localDayRange, localDate, startOfLocalDay, isDate } from './time.js';
