/**
 * The read-only view of a document body. Sources are immutable (see ARCHITECTURE.md), so the view
 * never edits: it renders the schema's DOM specs, and later carries annotation decorations.
 */
import { Node as PMNode } from 'prosemirror-model';
import { EditorState, type Plugin } from 'prosemirror-state';
import { Decoration, DecorationSet, EditorView } from 'prosemirror-view';
import { buildTextMap, type TextMap } from '../../shared/canonical-text.ts';
import { documentSchema } from '../../shared/schema.ts';

export interface Reader {
  view: EditorView;
  /** Offsets ↔ positions for this body; the same map the server used to build `record.text`. */
  textMap: TextMap;
}

/** `plugins` add layers over the text (annotation highlights); the text itself never changes. */
export function createReader(mount: HTMLElement, body: unknown, plugins: Plugin[] = []): Reader {
  const doc = PMNode.fromJSON(documentSchema, body);
  const textMap = buildTextMap(doc);
  // The body never changes, so its decorations are built once.
  const decorations = pageBreakDecorations(doc);
  const view = new EditorView(mount, {
    state: EditorState.create({ doc, plugins }),
    editable: () => false,
    decorations: () => decorations,
    attributes: { class: 'reader-body', 'aria-label': 'Document text' },
  });
  return { view, textMap };
}

/**
 * A page that begins with a block needs only its margin number; the in-line "¦" mark is for pages
 * that break mid-line, where the reader must see exactly where the printed page turned.
 */
function pageBreakDecorations(doc: PMNode): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos, parent, index) => {
    if (node.type.name === 'page_break') {
      const isBlockStart = parent !== null && parent.isTextblock && isFirstContent(parent, index);
      decorations.push(Decoration.node(pos, pos + 1, { class: isBlockStart ? 'doc-pb-block' : 'doc-pb-inline' }));
    }
    return true;
  });
  return DecorationSet.create(doc, decorations);
}

/** True when nothing but whitespace or other page breaks stand before child `index`. */
function isFirstContent(parent: PMNode, index: number): boolean {
  for (let i = 0; i < index; i++) {
    const child = parent.child(i);
    if (child.isText ? (child.text ?? '').trim() !== '' : child.type.name !== 'page_break') return false;
  }
  return true;
}
