/** Time comes in through this door so tests can fix it (analysis/ takes time as a parameter instead). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function fixedClock(at: number | string | Date): Clock & { set(at: number): void; advance(ms: number): void } {
  let current = typeof at === 'number' ? at : new Date(at).getTime();
  return {
    now: () => current,
    set: (next) => {
      current = next;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
