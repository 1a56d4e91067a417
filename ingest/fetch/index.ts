/** Platform-neutral entry of the fetcher (Node-specific transport: ./node.js). */
export { createFetcher, scopedFetcher, parseHttpUrl, DEFAULT_USER_AGENT, BAROMETER_VERSION, type FetcherOptions } from './core.js';
export { FetchError, describeError, type FetchErrorCode } from './errors.js';
export { classifyAddress, checkAddress, checkHostName, isAllowedClass, type AddressClass } from './address.js';
export { decodeBody, detectCharset, charsetFromContentType } from './charset.js';
export { backoffDelay, parseRetryAfter } from './backoff.js';
export { HostLimiter } from './hosts.js';
export {
  DEFAULT_BREAKER,
  breakerAllows,
  breakerPhase,
  initialBreaker,
  isHealthy,
  recordFailure,
  recordSuccess,
  type BreakerOptions,
  type BreakerPhase,
  type BreakerState,
} from './breaker.js';
export { createWebTransport } from './web.js';
export type * from './types.js';
