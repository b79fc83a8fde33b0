/**
 * Selecting a passage with the keyboard alone in the read-only document. The view is not editable,
 * so browsers give it no caret; once the text has the focus, the arrow keys move a caret through it
 * and Shift+arrows extend the selection (by character, by word with Ctrl/Alt, by line with Up/Down),
 * through the Selection API's `modify`, which works on any text.
 */
const steps: Record<string, { direction: 'forward' | 'backward'; granularity: 'line' | 'character' }> = {
  ArrowRight: { direction: 'forward', granularity: 'character' },
  ArrowLeft: { direction: 'backward', granularity: 'character' },
  ArrowDown: { direction: 'forward', granularity: 'line' },
  ArrowUp: { direction: 'backward', granularity: 'line' },
};

type ModifiableSelection = Selection & { modify?(alter: 'move' | 'extend', direction: string, granularity: string): void };

export function enableKeyboardSelection(body: HTMLElement): () => void {
  body.tabIndex = 0;
  body.setAttribute('aria-description', 'Arrow keys move through the text, Shift+arrows select, A annotates the selection');

  const onFocus = () => {
    const selection = document.getSelection();
    if (!selection || (selection.rangeCount > 0 && body.contains(selection.anchorNode))) return;
    // Start the caret at the first line of text in view, where the reader is looking.
    const first = [...body.querySelectorAll('p, h1, h2, li')].find((block) => block.getBoundingClientRect().bottom > 0) ?? body;
    const range = document.createRange();
    range.selectNodeContents(first);
    range.collapse(true);
    selection.removeAllRanges();
    selection.addRange(range);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const step = steps[event.key];
    const selection = document.getSelection() as ModifiableSelection | null;
    if (!step || !selection?.modify || event.metaKey) return;
    event.preventDefault();
    const granularity = step.granularity === 'character' && (event.ctrlKey || event.altKey) ? 'word' : step.granularity;
    selection.modify(event.shiftKey ? 'extend' : 'move', step.direction, granularity);
  };
  body.addEventListener('focus', onFocus);
  body.addEventListener('keydown', onKeyDown);
  return () => {
    body.removeEventListener('focus', onFocus);
    body.removeEventListener('keydown', onKeyDown);
  };
}
