/**
 * The ProseMirror schema of the seminar commentary: the notebook a group writes beside a document.
 * Headings, paragraphs, lists, block quotes, emphasis, strong, links; and two kinds of citation:
 * a passage of the document (a block carrying the passage's W3C selectors, its document and printed
 * page) and an annotation (an inline atom carrying its id). Both sides use it: y-prosemirror maps the
 * room's Y.XmlFragment through it in the browser, and the server reads versions and exports with it.
 * No DOM API is touched: toDOM returns plain arrays.
 */
import { Schema, type MarkSpec, type NodeSpec } from 'prosemirror-model';
import type { Selectors } from './selectors.ts';

/** What a passage citation carries: enough to find the passage again on any version of the text. */
export interface PassageCitationAttrs {
  documentId: string;
  selectors: Selectors;
  /** The printed page the passage starts on, when the edition marks pages. */
  page: number | null;
}

/** Only links a reader can follow safely: a javascript: URL written into the notebook is dropped. */
export function isSafeHref(href: unknown): href is string {
  return typeof href === 'string' && /^(https?:\/\/|mailto:)/i.test(href);
}

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+' },
  paragraph: { content: 'inline*', group: 'block', parseDOM: [{ tag: 'p' }], toDOM: () => ['p', 0] },
  heading: {
    attrs: { level: { default: 2 } },
    content: 'inline*',
    group: 'block',
    defining: true,
    parseDOM: [1, 2, 3].map((level) => ({ tag: `h${level}`, attrs: { level } })),
    toDOM: (node) => [`h${Math.min(3, Math.max(1, Number(node.attrs.level) || 2))}`, 0],
  },
  blockquote: { content: 'block+', group: 'block', defining: true, parseDOM: [{ tag: 'blockquote:not(.commentary-citation)' }], toDOM: () => ['blockquote', 0] },
  bullet_list: { content: 'list_item+', group: 'block', parseDOM: [{ tag: 'ul' }], toDOM: () => ['ul', 0] },
  ordered_list: { content: 'list_item+', group: 'block', parseDOM: [{ tag: 'ol' }], toDOM: () => ['ol', 0] },
  list_item: { content: 'paragraph block*', defining: true, parseDOM: [{ tag: 'li' }], toDOM: () => ['li', 0] },
  passage_citation: {
    attrs: { documentId: {}, selectors: {}, page: { default: null } },
    group: 'block',
    atom: true,
    selectable: true,
    draggable: true,
    toDOM: (node) => {
      const attrs = node.attrs as PassageCitationAttrs;
      const exact = attrs.selectors?.quote?.exact ?? '';
      return [
        'blockquote',
        { class: 'commentary-citation', 'data-document-id': String(attrs.documentId), 'data-start': String(attrs.selectors?.position?.start ?? '') },
        ['p', { class: 'commentary-citation-quote' }, exact],
        ['cite', { class: 'commentary-citation-page' }, attrs.page === null ? 'cited passage' : `p. ${attrs.page}`],
      ];
    },
  },
  annotation_ref: {
    attrs: { annotationId: {}, label: { default: '' } },
    inline: true,
    group: 'inline',
    atom: true,
    toDOM: (node) => ['span', { class: 'commentary-annotation-ref', 'data-annotation-id': String(node.attrs.annotationId) }, String(node.attrs.label || 'annotation')],
  },
  text: { group: 'inline' },
};

const marks: Record<string, MarkSpec> = {
  em: { parseDOM: [{ tag: 'em' }, { tag: 'i' }], toDOM: () => ['em', 0] },
  strong: { parseDOM: [{ tag: 'strong' }, { tag: 'b' }], toDOM: () => ['strong', 0] },
  link: {
    attrs: { href: {} },
    inclusive: false,
    parseDOM: [{ tag: 'a[href]', getAttrs: (dom) => ({ href: (dom as { getAttribute(name: string): string | null }).getAttribute('href') }) }],
    toDOM: (mark) => ['a', isSafeHref(mark.attrs.href) ? { href: mark.attrs.href, rel: 'noopener noreferrer nofollow' } : {}, 0],
  },
};

export const commentarySchema = new Schema({ nodes, marks });
