/** The slice of autocannon's API bench/api.ts uses (the package ships no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';
  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      headers?: Record<string, string>;
      requests?: { method?: string; path: string; headers?: Record<string, string> }[];
    }
    interface Result {
      requests: { average: number; total: number };
      errors: number;
      timeouts: number;
      non2xx: number;
    }
  }
  function autocannon(opts: autocannon.Options, cb: (error: Error | null, result: autocannon.Result) => void): EventEmitter;
  export default autocannon;
}
