/**
 * In-memory sliding-window counters (per account, per remote address). They reset when the process
 * restarts, which is acceptable for abuse control on a single node; memory is bounded by `keysMax`.
 */

export interface RateLimiter {
  /** Milliseconds until `key` may act again; 0 when it may act now. Records nothing. */
  waitMs(key: string): number;
  /** Records one action by `key`. */
  record(key: string): void;
}

export interface RateLimiterOptions {
  readonly limit: number;
  readonly windowMs: number;
  readonly now: () => number;
  /** Keys tracked at once; past it the least recently inserted are forgotten. */
  readonly keysMax?: number;
}

export const rateLimiterKeysMax = 100_000;

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limit, windowMs, now } = options;
  const keysMax = options.keysMax ?? rateLimiterKeysMax;
  // Each key keeps the times of its recent actions, oldest first, at most `limit` of them.
  const times = new Map<string, number[]>();

  const recent = (key: string, at: number): number[] => {
    const list = times.get(key);
    if (list === undefined) return [];
    while (list.length > 0 && list[0] <= at - windowMs) list.shift();
    if (list.length === 0) times.delete(key);
    return list;
  };

  return {
    waitMs(key) {
      const at = now();
      const list = recent(key, at);
      return list.length < limit ? 0 : list[0] + windowMs - at;
    },
    record(key) {
      const at = now();
      const list = recent(key, at);
      if (list.length === 0) {
        if (times.size >= keysMax) times.delete(times.keys().next().value as string);
        times.set(key, list);
      }
      list.push(at);
      if (list.length > limit) list.shift();
    },
  };
}
