/** The margin's keyed reconciliation: which cards move, and that applying the plan gives the new order. */
import { describe, expect, it } from 'vitest';
import { longestIncreasingRun, planCardOrder } from '../../client/margin/card-order.ts';

/** Applies a plan to a list the way the margin applies it to its cards' element. */
function apply(previous: string[], next: string[]): { result: string[]; touched: string[] } {
  const plan = planCardOrder(previous, next);
  const list = previous.filter((id) => !plan.remove.includes(id));
  for (const { id, before } of plan.place) {
    const at = list.indexOf(id);
    if (at !== -1) list.splice(at, 1);
    list.splice(before === null ? list.length : list.indexOf(before), 0, id);
  }
  return { result: list, touched: plan.place.map((p) => p.id) };
}

describe('reconciling the margin’s cards by id', () => {
  it('inserts one arriving card and touches no other', () => {
    const { result, touched } = apply(['a', 'b', 'd', 'e'], ['a', 'b', 'c', 'd', 'e']);
    expect(result).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(touched).toEqual(['c']);
  });

  it('removes a card without moving the others', () => {
    expect(planCardOrder(['a', 'b', 'c'], ['a', 'c'])).toEqual({ remove: ['b'], place: [] });
  });

  it('moves only the card that changed place', () => {
    const { result, touched } = apply(['a', 'b', 'c', 'd', 'e'], ['b', 'c', 'd', 'a', 'e']);
    expect(result).toEqual(['b', 'c', 'd', 'a', 'e']);
    expect(touched).toEqual(['a']);
  });

  it('reaches any new order, with insertions, removals and moves at once', () => {
    const previous = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const next = ['g', 'x', 'c', 'a', 'y', 'e', 'b'];
    expect(apply(previous, next).result).toEqual(next);
  });

  it('finds a longest increasing run', () => {
    const values = [3, 1, 4, 1, 5, 9, 2, 6];
    const run = longestIncreasingRun(values).map((index) => values[index]);
    expect(run).toHaveLength(4);
    expect(run).toEqual([...run].sort((a, b) => (a ?? 0) - (b ?? 0)));
  });
});
