/**
 * Writes to one annotation through the Protocol run one after another in this process, so that the
 * `If-Match` check and the commands it guards see no other Protocol write between them. A command
 * from a socket can still land in that gap (it takes no ETag): the gap is one request's reading time,
 * and the commands themselves are atomic, so at worst a PUT based on a just-superseded version
 * applies. docs/w3c.md says so.
 */
const queues = new Map<string, Promise<unknown>>();

export function serially<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}
