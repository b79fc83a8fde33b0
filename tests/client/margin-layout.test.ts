/** Placing the margin's cards: beside their passages, never overlapping, the focused one exact. */
import { describe, expect, it } from 'vitest';
import { placeCards } from '../../client/margin/layout.ts';

describe('placing cards in the margin', () => {
  it('keeps a card beside its passage when there is room', () => {
    expect(placeCards([0, 200, 400], [50, 50, 50], null, 8)).toEqual([0, 200, 400]);
  });

  it('pushes a card below the one before when they would overlap', () => {
    expect(placeCards([100, 120, 130], [50, 50, 50], null, 8)).toEqual([100, 158, 216]);
  });

  it('puts the focused card exactly beside its passage, lifting the ones before it', () => {
    expect(placeCards([100, 120, 130], [50, 50, 50], 1, 8)).toEqual([62, 120, 178]);
  });

  it('falls back to pushing down when lifting would run off the top', () => {
    expect(placeCards([10, 20], [50, 50], 1, 8)).toEqual([10, 68]);
  });
});
