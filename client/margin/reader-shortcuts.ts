/**
 * The annotated reader's keys and clicks: A (or Ctrl/Cmd+Alt+M) annotates the selection, Escape
 * closes the open thread, a click on a highlight opens its innermost annotation's card.
 */
export interface ShortcutActions {
  hasSelection(): boolean;
  canAnnotate(): boolean;
  annotate(): void;
  focusedId(): string | null;
  closeThread(id: string): void;
  openCard(id: string): void;
}

export function bindReaderShortcuts(text: HTMLElement, actions: ShortcutActions): () => void {
  function onKeyDown(event: KeyboardEvent): void {
    const target = event.target;
    // The document text has the focus for keyboard selection; it is not a field being typed in.
    const isTyping = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) && !target.classList.contains('reader-body');
    const isChord = event.key.toLowerCase() === 'm' && event.altKey && (event.ctrlKey || event.metaKey);
    const isLetter = !isTyping && event.key === 'a' && !event.ctrlKey && !event.metaKey && !event.altKey;
    const focused = actions.focusedId();
    if ((isChord || isLetter) && actions.hasSelection() && actions.canAnnotate()) {
      event.preventDefault();
      actions.annotate();
    } else if (event.key === 'Escape' && !isTyping && focused) {
      actions.closeThread(focused);
    }
  }
  function onClick(event: MouseEvent): void {
    if (window.getSelection()?.isCollapsed === false) return;
    const piece = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-annotations]') : null;
    // Pieces list their annotations innermost first (highlights.ts).
    const id = piece?.dataset.annotations?.split(' ')[0];
    if (id) actions.openCard(id);
  }
  document.addEventListener('keydown', onKeyDown);
  text.addEventListener('click', onClick);
  return () => {
    document.removeEventListener('keydown', onKeyDown);
    text.removeEventListener('click', onClick);
  };
}
