/**
 * Where the margin's cards go: each as near its passage as it can be without overlapping another.
 * Cards come sorted by their passage's top. Without a focused card, each is pushed below the one
 * before. With one, the focused card sits exactly beside its passage: the cards after it are pushed
 * down, the cards before it are lifted up above it, and only if they would run off the top does
 * everything fall back to pushing down.
 */
export function placeCards(wanted: number[], heights: number[], focusedIndex: number | null, gap: number): number[] {
  const pushDown = (from: number, start: number[]): number[] => {
    const y = [...start];
    for (let i = from; i < wanted.length; i++) {
      const previousBottom = i === 0 ? 0 : (y[i - 1] ?? 0) + (heights[i - 1] ?? 0) + gap;
      y[i] = Math.max(wanted[i] ?? 0, i === 0 ? 0 : previousBottom);
    }
    return y;
  };
  if (focusedIndex === null || focusedIndex < 0 || focusedIndex >= wanted.length) return pushDown(0, []);
  const y: number[] = [];
  y[focusedIndex] = Math.max(0, wanted[focusedIndex] ?? 0);
  for (let i = focusedIndex - 1; i >= 0; i--) y[i] = Math.min(wanted[i] ?? 0, (y[i + 1] ?? 0) - gap - (heights[i] ?? 0));
  if ((y[0] ?? 0) < 0) return pushDown(0, []);
  return pushDown(focusedIndex + 1, y);
}
