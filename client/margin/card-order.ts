/**
 * Keyed reconciliation of the margin's cards: from the ids the margin holds, in order, to the ids it
 * should hold, the fewest DOM moves. Cards that keep their relative order (the longest run of them
 * still increasing in the new order) stay where they are; only the others are inserted or moved, so
 * one arriving annotation costs one insertion, and a card being typed in is never re-inserted (which
 * would blur it).
 */
export interface CardOrderPlan {
  /** Ids to take out of the margin. */
  remove: string[];
  /** Ids to insert (or move) before another id, or at the end (null), to be applied in this order. */
  place: { id: string; before: string | null }[];
}

export function planCardOrder(previous: readonly string[], next: readonly string[]): CardOrderPlan {
  const nextIndex = new Map<string, number>();
  next.forEach((id, index) => nextIndex.set(id, index));
  const remove = previous.filter((id) => !nextIndex.has(id));
  const kept = previous.filter((id) => nextIndex.has(id));
  const staying = new Set(longestIncreasingRun(kept.map((id) => nextIndex.get(id) as number)).map((index) => kept[index] as string));
  const place: CardOrderPlan['place'] = [];
  // From the end: each card goes before its successor, which is already where it belongs.
  for (let i = next.length - 1; i >= 0; i--) {
    const id = next[i] as string;
    if (!staying.has(id)) place.push({ id, before: next[i + 1] ?? null });
  }
  return { remove, place };
}

/** Indices (into `values`) of a longest strictly increasing subsequence, in O(n log n). */
export function longestIncreasingRun(values: readonly number[]): number[] {
  const tails: number[] = []; // tails[k]: index of the smallest last value of a run of length k + 1
  const before: number[] = new Array<number>(values.length).fill(-1);
  values.forEach((value, index) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] as number] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) before[index] = tails[lo - 1] as number;
    tails[lo] = index;
  });
  const run: number[] = [];
  for (let at = tails[tails.length - 1] ?? -1; at !== -1; at = before[at] as number) run.push(at);
  return run.reverse();
}
