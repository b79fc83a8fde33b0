/** Gathers items for `windowMs` after the first, then hands them over at once, in arrival order. */
export interface Coalescer<T> {
  add(item: T): void;
  /** Hands over what is waiting now (on close). */
  flush(): void;
}

export function createCoalescer<T>(windowMs: number, deliver: (items: T[]) => void): Coalescer<T> {
  let waiting: T[] = [];
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (waiting.length === 0) return;
    const items = waiting;
    waiting = [];
    deliver(items);
  };
  return {
    add(item) {
      waiting.push(item);
      timer ??= setTimeout(flush, windowMs);
    },
    flush,
  };
}
