/**
 * The bar that shows what the reader has selected: the quoted passage, its printed page and its
 * canonical offsets. The annotated reader adds its "Annotate" action here; while an orphan is being
 * re-attached (client/margin/reattach.ts) the bar asks for its passage and offers "Attach here"
 * instead. Tests read `data-start` and `data-end` from `#selection-info`.
 */
import { pageAt, type TextMap } from '../../shared/canonical-text.ts';
import { describeSelection, type SelectionDescription } from '../anchoring/describe-selection.ts';
import { el } from '../dom.ts';
import { createReattachMode } from '../margin/reattach.ts';
import type { Reader } from './reader.ts';

const HINT = 'Select a passage to quote it.';

export function createSelectionBar(reader: Reader, firstPage: number | null): { element: HTMLElement; destroy(): void } {
  const info = el('div', { id: 'selection-info', class: 'selection-info' });
  const element = el('aside', { class: 'selection-bar', 'aria-label': 'Selection', 'aria-live': 'polite' });
  const reattach = createReattachMode(reader.view, reader.textMap, element);
  element.append(reattach.prompt, info, reattach.actions);

  function update(): void {
    reattach.update();
    const described = describeSelection(reader.view, reader.textMap);
    if (!described) {
      info.removeAttribute('data-start');
      info.removeAttribute('data-end');
      info.replaceChildren(el('span', { class: 'selection-hint' }, HINT));
      return;
    }
    info.dataset.start = String(described.start);
    info.dataset.end = String(described.end);
    info.replaceChildren(
      el('q', { class: 'selection-quote' }, described.exact),
      el('span', { class: 'selection-meta' }, `${pageLabel(reader.textMap, described, firstPage)} · offsets ${described.start}–${described.end}`),
    );
  }

  const ownerDocument = reader.view.dom.ownerDocument;
  ownerDocument.addEventListener('selectionchange', update);
  update();
  return {
    element,
    destroy() {
      ownerDocument.removeEventListener('selectionchange', update);
      reattach.destroy();
    },
  };
}

/** "p. 288", or "pp. 287–288" when the passage runs over a page break. */
function pageLabel(textMap: TextMap, selection: SelectionDescription, firstPage: number | null): string {
  const first = pageAt(textMap, selection.start, firstPage);
  // The page of the last selected character: a break right at `end` starts a page not selected.
  const last = pageAt(textMap, selection.end - 1, firstPage);
  if (first === null || last === null) return 'page unknown';
  return first === last ? `p. ${first}` : `pp. ${first}–${last}`;
}
