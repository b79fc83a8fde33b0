/**
 * The browser's selection, described in the document's own terms: canonical offsets and a quote
 * with its context (the W3C TextPositionSelector and TextQuoteSelector that annotations store).
 *
 * DOM boundaries become ProseMirror positions (`posAtDOM`), positions become canonical offsets
 * (`offsetAt`), so page-break labels and footnote marks, which are markup, never count as text.
 * This module touches no UI; it is what the annotation features build on.
 */
import type { EditorView } from 'prosemirror-view';
import type { TextMap } from '../../shared/canonical-text.ts';
import { describeRange } from '../../shared/describe-range.ts';

export interface SelectionDescription {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

/**
 * Describes the part of the current selection that lies inside `view`, or null when nothing of the
 * document's text is selected (a collapsed selection, one outside the document, or one covering
 * only markup).
 */
export function describeSelection(view: EditorView, textMap: TextMap): SelectionDescription | null {
  const selection = view.dom.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = clampToElement(selection.getRangeAt(0), view.dom);
  if (!range) return null;
  let start: number;
  let end: number;
  try {
    start = textMap.offsetAt(view.posAtDOM(range.startContainer, range.startOffset, 1));
    end = textMap.offsetAt(view.posAtDOM(range.endContainer, range.endOffset, -1));
  } catch {
    // posAtDOM throws for DOM that is not the view's own (e.g. inside a widget): not document text.
    return null;
  }
  if (end <= start) return null;
  const { exact, prefix, suffix } = describeRange(textMap.text, start, end).quote;
  return { start, end, exact, prefix, suffix };
}

/** The intersection of `range` with the contents of `element`, or null when they do not meet. */
function clampToElement(range: Range, element: HTMLElement): Range | null {
  const bounds = element.ownerDocument.createRange();
  bounds.selectNodeContents(element);
  if (range.compareBoundaryPoints(Range.END_TO_START, bounds) >= 0) return null; // range starts after
  if (range.compareBoundaryPoints(Range.START_TO_END, bounds) <= 0) return null; // range ends before
  const clamped = range.cloneRange();
  if (range.compareBoundaryPoints(Range.START_TO_START, bounds) < 0) clamped.setStart(bounds.startContainer, bounds.startOffset);
  if (range.compareBoundaryPoints(Range.END_TO_END, bounds) > 0) clamped.setEnd(bounds.endContainer, bounds.endOffset);
  return clamped;
}
