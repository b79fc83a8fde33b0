/**
 * Where on a time span activity was dense: event times counted into equal bins, each bin's share
 * of the busiest one. The replay slider draws these as marks, so that a seminar's sessions stand out.
 */
export interface DensityBin {
  from: number;
  to: number;
  count: number;
  /** count / the busiest bin's count, 0..1. */
  weight: number;
}

export function activityDensity(times: number[], start: number, end: number, binCount: number): DensityBin[] {
  const width = Math.max(1, end - start) / binCount;
  const counts = new Array<number>(binCount).fill(0);
  for (const time of times) {
    const index = Math.min(binCount - 1, Math.max(0, Math.floor((time - start) / width)));
    counts[index] = (counts[index] ?? 0) + 1;
  }
  const busiest = Math.max(1, ...counts);
  return counts.map((count, index) => ({ from: start + index * width, to: start + (index + 1) * width, count, weight: count / busiest }));
}
