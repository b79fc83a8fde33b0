/**
 * Where each annotation's passage starts, in pixels from the top of the document's element. The text
 * never changes, so a passage's top changes only when the text reflows (the column's width, a font
 * arriving): each top is measured once and kept until then. Measuring reads layout only; all of a
 * render's new passages are measured together, so the page is laid out once for all of them.
 */
import type { EditorView } from 'prosemirror-view';
import type { TextMap } from '../../shared/canonical-text.ts';
import type { AnnotationItem } from '../store/annotations.ts';

export interface PassageTops {
  /** The tops of these annotations' passages (null: not anchored, or not measurable). */
  topsOf(items: readonly AnnotationItem[]): (number | null)[];
  /** Forgets every top (the text reflowed). */
  forget(): void;
}

export function createPassageTops(view: EditorView, textMap: TextMap, mount: HTMLElement): PassageTops {
  const known = new Map<string, { start: number; top: number | null }>();
  return {
    topsOf(items) {
      let mountTop: number | null = null;
      return items.map((item) => {
        if (item.anchor.type !== 'anchored') return null;
        const cached = known.get(item.record.id);
        if (cached && cached.start === item.anchor.start) return cached.top;
        mountTop ??= mount.getBoundingClientRect().top;
        let top: number | null;
        try {
          top = view.coordsAtPos(textMap.posAt(item.anchor.start, 1)).top - mountTop;
        } catch {
          // A position the view cannot measure (not rendered): the card goes to the top of the run.
          top = null;
        }
        known.set(item.record.id, { start: item.anchor.start, top });
        return top;
      });
    },
    forget: () => known.clear(),
  };
}
