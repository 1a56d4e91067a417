/** Per-host politeness: at most N requests in flight and a minimum gap between request starts. */

export interface HostLimitOptions {
  maxConcurrent: number;
  minIntervalMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

interface HostState {
  active: number;
  nextStart: number;
  waiters: Array<() => void>;
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  constructor(private readonly o: HostLimitOptions) {}

  /** Waits for a slot on `host`; call the returned function when the request is done. */
  async acquire(host: string): Promise<() => void> {
    let s = this.hosts.get(host);
    if (!s) {
      s = { active: 0, nextStart: 0, waiters: [] };
      this.hosts.set(host, s);
    }
    const st = s;
    if (st.active >= this.o.maxConcurrent) {
      await new Promise<void>((resolve) => st.waiters.push(resolve));
    } else {
      st.active++;
    }
    // Reserve a start time so concurrent callers space themselves out.
    const now = this.o.now();
    const start = Math.max(now, st.nextStart);
    st.nextStart = start + this.o.minIntervalMs;
    if (start > now) await this.o.sleep(start - now);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = st.waiters.shift();
      if (next) next(); // hand the slot over; active stays the same
      else st.active--;
      if (st.active === 0 && st.waiters.length === 0 && st.nextStart <= this.o.now()) this.hosts.delete(host);
    };
  }

  /** Requests in flight for `host` (for tests and /metrics). */
  inFlight(host: string): number {
    return this.hosts.get(host)?.active ?? 0;
  }
}
