/**
 * Following a citation from the commentary back to the document: the passage is found by its
 * selectors (on this version of the text, as annotations are), selected in the reader, so the
 * selection bar shows it, and scrolled into view. A passage no longer in the text is said so.
 */
import { anchor } from '../../shared/anchoring.ts';
import type { Selectors } from '../../shared/selectors.ts';
import type { Reader } from '../document/reader.ts';

export function showCitedPassage({ view, textMap }: Reader, selectors: Selectors, win: Window): boolean {
  const found = anchor(textMap.text, selectors);
  if (found.type === 'orphan') {
    win.alert('The cited passage is no longer in this version of the document.');
    return false;
  }
  const from = view.domAtPos(textMap.posAt(found.start, 1));
  const to = view.domAtPos(textMap.posAt(found.end, -1));
  win.getSelection()?.setBaseAndExtent(from.node, from.offset, to.node, to.offset);
  const top = view.coordsAtPos(textMap.posAt(found.start, 1)).top;
  win.scrollTo({ top: Math.max(0, top + win.scrollY - 120) });
  return true;
}
