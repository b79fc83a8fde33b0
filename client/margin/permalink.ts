/**
 * Opening a permalink (`#annotation-<id>`) once the annotation has arrived: its passage scrolled into
 * view and its card focused; once the room has synced, a missing annotation is not coming, and the
 * reader is told so rather than left waiting.
 */
export interface PermalinkTarget {
  has(id: string): boolean;
  isSynced(): boolean;
  open(id: string): void;
  missing(): void;
}

export function createPermalinkOpener(target: PermalinkTarget): () => void {
  let isDone = false;
  return () => {
    if (isDone) return;
    const match = /^#annotation-([0-9a-f-]{36})$/.exec(location.hash);
    const id = match?.[1];
    if (!id) {
      isDone = true;
      return;
    }
    if (!target.has(id)) {
      if (!target.isSynced()) return;
      isDone = true;
      target.missing();
      return;
    }
    isDone = true;
    queueMicrotask(() => target.open(id));
  };
}
