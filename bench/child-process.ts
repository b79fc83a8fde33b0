/**
 * The benchmark's child processes and the one message protocol they speak over IPC: the parent
 * calls `{id, type, payload}`, the child answers `{id, result}` or `{id, error}`; a child may also
 * send events `{event, payload}` of its own accord (a reader's progress). Every call has a timeout,
 * and `stop()` kills a child that does not leave by itself, so a run always ends.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

type Handler = (payload: never) => unknown;

export interface Child {
  name: string;
  process: ChildProcess;
  call<T = unknown>(type: string, payload?: unknown, timeoutMs?: number): Promise<T>;
  onEvent(listener: (event: string, payload: unknown) => void): void;
  stop(): Promise<void>;
}

const children = new Set<Child>();

export function startChild(script: string, name: string): Child {
  const file = fileURLToPath(new URL(script, import.meta.url));
  const proc = fork(file, [], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=4096'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void; timer: NodeJS.Timeout }>();
  const listeners: ((event: string, payload: unknown) => void)[] = [];
  let exited = false;
  const exit = new Promise<void>((resolve) => proc.once('exit', () => {
    exited = true;
    for (const call of pending.values()) {
      clearTimeout(call.timer);
      call.reject(new Error(`${name} exited`));
    }
    pending.clear();
    resolve();
  }));
  proc.on('message', (message: { id?: number; result?: unknown; error?: string; event?: string; payload?: unknown }) => {
    if (message.event) {
      for (const listener of listeners) listener(message.event, message.payload);
      return;
    }
    const call = message.id === undefined ? undefined : pending.get(message.id);
    if (!call) return;
    pending.delete(message.id!);
    clearTimeout(call.timer);
    if (message.error !== undefined) call.reject(new Error(`${name}: ${message.error}`));
    else call.resolve(message.result);
  });

  const child: Child = {
    name,
    process: proc,
    call<T>(type: string, payload?: unknown, timeoutMs = 120_000) {
      if (exited) return Promise.reject(new Error(`${name} has exited`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${name}: ${type} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
        proc.send({ id, type, payload });
      });
    },
    onEvent(listener) {
      listeners.push(listener);
    },
    async stop() {
      children.delete(child);
      if (exited) return;
      try {
        await child.call('exit', undefined, 10_000);
      } catch {
        // It did not leave politely; below it is killed.
      }
      const killTimer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(killTimer);
    },
  };
  children.add(child);
  return child;
}

/** Kills every child still running (on an error or an interrupt). */
export function killAllChildren(): void {
  for (const child of children) child.process.kill('SIGKILL');
  children.clear();
}

/** The child side: answers the parent's calls with `handlers`; `exit` is always understood. */
export function serveParent(handlers: Record<string, Handler>, onExit: () => Promise<void> = async () => undefined): (event: string, payload: unknown) => void {
  if (!process.send) throw new Error('this script runs as a child of the benchmark (npm run bench)');
  const send = (message: unknown) => process.send?.(message);
  process.on('message', (message: { id: number; type: string; payload: unknown }) => {
    if (message.type === 'exit') {
      void onExit().finally(() => {
        send({ id: message.id, result: null });
        setTimeout(() => process.exit(0), 50);
      });
      return;
    }
    const handler = handlers[message.type];
    if (!handler) {
      send({ id: message.id, error: `unknown call ${message.type}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.payload as never))
      .then(
        (result) => send({ id: message.id, result: result ?? null }),
        (error: unknown) => send({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
  });
  // The parent gone (killed, crashed): leave too, so nothing is left running.
  process.on('disconnect', () => {
    void onExit().finally(() => process.exit(0));
  });
  return (event, payload) => send({ event, payload });
}
