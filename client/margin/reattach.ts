/**
 * Re-attaching an orphan, an annotation whose passage is no longer in the text. Its author presses
 * "Re-attach" on its card; the selection bar then asks for the passage the note belongs to; once a
 * passage is selected (by mouse, or by the keyboard selection of keyboard-selection.ts), "Attach
 * here" (or Enter in the text) hands its selectors back to the card, which sends
 * `annotation.reanchor` through the ordinary command queue. Escape or "Cancel" leaves the mode.
 *
 * The card and the bar do not hold each other: the card asks with a DOM event that bubbles to the
 * document (`requestReattach`), carrying what attaching means for that card, and the bar, which
 * alone knows the selection, runs the mode (`createReattachMode`). The plain reader's bar listens
 * too; nothing there ever asks.
 */
import type { EditorView } from 'prosemirror-view';
import type { TextMap } from '../../shared/canonical-text.ts';
import { describeRange } from '../../shared/describe-range.ts';
import type { Selectors } from '../../shared/selectors.ts';
import { describeSelection } from '../anchoring/describe-selection.ts';
import { el } from '../dom.ts';

const requestEvent = 'marginalia:reattach';

export interface ReattachRequest {
  annotationId: string;
  /** The passage the note had, so the prompt can say which note is moving. */
  quote: string;
  /** Sends the new place (the card's side: the command, then where the keyboard goes). */
  attach(selectors: Selectors): void;
  /** The mode ended without attaching: the keyboard goes back to where it came from. */
  cancelled(): void;
}

declare global {
  interface DocumentEventMap {
    [requestEvent]: CustomEvent<ReattachRequest>;
  }
}

/** Asks the page's selection bar for a passage; `from` must be in the document (it bubbles up). */
export function requestReattach(from: HTMLElement, request: ReattachRequest): void {
  from.dispatchEvent(new CustomEvent(requestEvent, { bubbles: true, detail: request }));
}

export interface ReattachMode {
  /** The instruction, shown above the selection while re-attaching. */
  prompt: HTMLElement;
  /** "Attach here" and "Cancel", shown below it. */
  actions: HTMLElement;
  /** The selection changed: "Attach here" is offered only for a selection of the text. */
  update(): void;
  destroy(): void;
}

/** `host` (the bar) carries `is-reattaching` while the mode lasts, which hides the Annotate action. */
export function createReattachMode(view: EditorView, textMap: TextMap, host: HTMLElement): ReattachMode {
  const ownerDocument = view.dom.ownerDocument;
  let request: ReattachRequest | null = null;

  const was = el('q', { class: 'reattach-was' });
  const prompt = el(
    'div',
    { class: 'reattach-prompt', hidden: '' },
    el('p', { class: 'reattach-instruction' }, el('strong', {}, 'Select the passage this note belongs to'), ', then press Attach here (or Enter). Escape cancels.'),
    el('p', { class: 'reattach-note' }, 'It was attached to ', was),
  );
  const attachButton = el('button', { type: 'button', class: 'button-primary attach-button', 'aria-keyshortcuts': 'Enter', disabled: '' }, 'Attach here');
  const cancelButton = el('button', { type: 'button', class: 'button-quiet' }, 'Cancel');
  const actions = el('div', { class: 'reattach-actions', hidden: '' }, attachButton, cancelButton);

  function start(next: ReattachRequest): void {
    request = next;
    was.textContent = next.quote.length > 140 ? `${next.quote.slice(0, 140)}…` : next.quote;
    prompt.hidden = false;
    actions.hidden = false;
    host.classList.add('is-reattaching');
    update();
    // Straight into the text, so that the keyboard can select the passage at once.
    view.dom.focus({ preventScroll: true });
  }

  function stop(): ReattachRequest | null {
    const current = request;
    request = null;
    prompt.hidden = true;
    actions.hidden = true;
    host.classList.remove('is-reattaching');
    return current;
  }

  function attach(): void {
    const described = describeSelection(view, textMap);
    if (!request || !described) return;
    const current = stop();
    ownerDocument.getSelection()?.removeAllRanges();
    current?.attach(describeRange(textMap.text, described.start, described.end));
  }

  function update(): void {
    attachButton.disabled = describeSelection(view, textMap) === null;
  }

  const onRequest = (event: CustomEvent<ReattachRequest>) => start(event.detail);
  // Captured before the reader's own keys, so that Escape ends this mode and nothing else.
  const onKeyDown = (event: KeyboardEvent) => {
    if (!request || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target instanceof HTMLElement ? event.target : null;
    const isTyping = target !== null && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === 'Escape' && !isTyping) {
      event.preventDefault();
      event.stopPropagation();
      stop()?.cancelled();
    } else if (event.key === 'Enter' && target !== null && view.dom.contains(target) && describeSelection(view, textMap)) {
      event.preventDefault();
      attach();
    }
  };
  attachButton.addEventListener('click', attach);
  cancelButton.addEventListener('click', () => stop()?.cancelled());
  ownerDocument.addEventListener(requestEvent, onRequest);
  ownerDocument.addEventListener('keydown', onKeyDown, true);

  return {
    prompt,
    actions,
    update,
    destroy() {
      ownerDocument.removeEventListener(requestEvent, onRequest);
      ownerDocument.removeEventListener('keydown', onKeyDown, true);
    },
  };
}
