/**
 * Sending commands, in order, through the outbox. A command is written to the outbox first, shown
 * as pending, and sent when there is a connection; it leaves the outbox when the server answers
 * (applied or refused). A 503 ("try again") and a lost connection keep it for the next attempt.
 */
import type { AnnotationRecord, Command, ReplyRecord } from '../../shared/annotations.ts';
import { listOutbox, putOutboxEntry, removeOutboxEntry } from './outbox.ts';
import { isSocketConnected, onSocketConnection, sendCommand } from './socket.ts';

export type CommandOutcome =
  | { type: 'applied'; annotation?: AnnotationRecord; reply?: ReplyRecord }
  | { type: 'refused'; error: string; message: string }
  /** Kept in the outbox: it will be sent when the connection returns. */
  | { type: 'queued' };

export interface CommandQueue {
  submit(command: Command): Promise<CommandOutcome>;
  pending(): Command[];
  destroy(): void;
}

export interface QueueListeners {
  onChange(): void;
  /** A command's answer, whoever waits for it (a command sent from the outbox has no waiter). */
  onOutcome(command: Command, outcome: CommandOutcome): void;
}

export function createCommandQueue(scope: string, listeners: QueueListeners): CommandQueue {
  const queue: Command[] = [];
  const waiters = new Map<string, (outcome: CommandOutcome) => void>();
  let isFlushing = false;
  let isDestroyed = false;

  function settle(command: Command, outcome: CommandOutcome): void {
    const waiter = waiters.get(command.commandId);
    waiters.delete(command.commandId);
    waiter?.(outcome);
    listeners.onOutcome(command, outcome);
  }

  async function flush(): Promise<void> {
    if (isFlushing || isDestroyed) return;
    isFlushing = true;
    try {
      while (queue.length > 0 && !isDestroyed) {
        const command = queue[0] as Command;
        const result = await sendCommand(command);
        if (result.ok === 'unsent' || (result.ok === false && result.status === 503)) {
          // Leave it first in line; the next connection (or a timer) tries again.
          for (const [id, waiter] of waiters) if (queue.some((c) => c.commandId === id)) waiter({ type: 'queued' });
          if (result.ok === false) setTimeout(() => void flush(), 2000);
          break;
        }
        queue.shift();
        await removeOutboxEntry(command.commandId);
        listeners.onChange();
        if (result.ok) settle(command, { type: 'applied', ...(result.annotation ? { annotation: result.annotation } : {}), ...(result.reply ? { reply: result.reply } : {}) });
        else settle(command, { type: 'refused', error: result.error, message: result.message });
      }
    } finally {
      isFlushing = false;
    }
  }

  const stopListening = onSocketConnection((isConnected) => {
    if (isConnected) void flush();
  });

  // Commands left from an earlier visit (written offline, then the tab was closed) go out first.
  void listOutbox(scope).then((entries) => {
    const known = new Set(queue.map((command) => command.commandId));
    queue.unshift(...entries.map((entry) => entry.command).filter((command) => !known.has(command.commandId)));
    listeners.onChange();
    if (isSocketConnected()) void flush();
  });

  return {
    async submit(command) {
      queue.push(command);
      listeners.onChange();
      await putOutboxEntry({ commandId: command.commandId, scope, command, queuedAt: new Date().toISOString() });
      const outcome = new Promise<CommandOutcome>((resolve) => waiters.set(command.commandId, resolve));
      if (isSocketConnected()) void flush();
      else waiters.get(command.commandId)?.({ type: 'queued' });
      return outcome;
    },
    pending: () => [...queue],
    destroy() {
      isDestroyed = true;
      stopListening();
    },
  };
}
