/**
 * A fixed-window counter per key (an IP address, an email), in memory. One process serves an
 * instance today; with several instances each would count on its own, which only loosens the limit
 * by their number.
 */
export interface RateLimit {
  /** How many attempts a key may make in one window. */
  max: number;
  windowMs: number;
}

export interface RateLimiter {
  /** Counts an attempt; returns 0 when allowed, else the seconds until the key may try again. */
  hit(key: string, now?: number): number;
  reset(key: string): void;
}

export function createRateLimiter({ max, windowMs }: RateLimit): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>();

  function sweep(now: number): void {
    // Bounded memory: forget finished windows whenever the map grows large.
    if (windows.size < 10_000) return;
    for (const [key, window] of windows) if (now - window.startedAt >= windowMs) windows.delete(key);
  }

  return {
    hit(key, now = Date.now()) {
      sweep(now);
      const window = windows.get(key);
      if (!window || now - window.startedAt >= windowMs) {
        windows.set(key, { startedAt: now, count: 1 });
        return 0;
      }
      window.count += 1;
      if (window.count <= max) return 0;
      return Math.ceil((window.startedAt + windowMs - now) / 1000);
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
