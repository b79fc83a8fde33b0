/**
 * The reader's selection of the document's text, as the margin uses it: whether there is one (the
 * Annotate button, the A shortcut) at once, and the range a drag ends with for the others to see.
 * Described in the document's terms by anchoring/describe-selection.ts.
 */
import type { EditorView } from 'prosemirror-view';
import type { TextMap } from '../../shared/canonical-text.ts';
import { describeSelection, type SelectionDescription } from '../anchoring/describe-selection.ts';

/** A drag fires many events; the others need the selection it ends with, not every step. */
const settleMs = 80;

export interface SelectionWatch {
  /** The selection now (read afresh: a key may come before the browser's selectionchange). */
  current(): SelectionDescription | null;
  stop(): void;
}

export function watchSelection(
  view: EditorView,
  textMap: TextMap,
  listeners: { onChange(selection: SelectionDescription | null): void; onSettled(selection: SelectionDescription | null): void },
): SelectionWatch {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onSelectionChange = () => {
    const selection = describeSelection(view, textMap);
    listeners.onChange(selection);
    clearTimeout(timer);
    timer = setTimeout(() => listeners.onSettled(selection), settleMs);
  };
  document.addEventListener('selectionchange', onSelectionChange);
  return {
    current: () => describeSelection(view, textMap),
    stop() {
      document.removeEventListener('selectionchange', onSelectionChange);
      clearTimeout(timer);
    },
  };
}
