/**
 * One clock for every process of a benchmark run: wall-clock milliseconds with sub-millisecond
 * resolution. `performance.timeOrigin` is wall-clock based, so readings from different processes on
 * one machine are comparable (to well under a millisecond), which lets a reader in a child process
 * time a record sent by the parent.
 */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
