/**
 * The ProseMirror schema for edited historical documents.
 *
 * A document reads: title, optional dateline, optional subject block, the body (paragraphs, section
 * headings, lists, block quotes, a closer with its signature), then the footnotes. Page breaks and footnote references are inline atoms: they are
 * markup of the edition, not words of the source, so they carry no text (see canonical-text.ts).
 *
 * The DOM specs here are what the read-only reader renders; class names are the client's styling
 * hooks. No DOM API is touched: toDOM returns plain arrays.
 */
import { Schema, type NodeSpec, type MarkSpec } from 'prosemirror-model';

const textBlock = (tag: string, className: string, group?: string): NodeSpec => ({
  content: 'inline*',
  ...(group ? { group } : {}),
  parseDOM: [{ tag: `${tag}.${className}` }],
  toDOM: () => [tag, { class: className }, 0],
});

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'title dateline? subject? block* footnotes?' },

  title: textBlock('h1', 'doc-title'),
  dateline: textBlock('p', 'doc-dateline'),
  subject: {
    content: 'inline*',
    attrs: { label: { default: 'SUBJECT' } },
    parseDOM: [{ tag: 'div.doc-subject', contentElement: '.doc-subject-text' }],
    toDOM: (node) => [
      'div',
      { class: 'doc-subject' },
      ['span', { class: 'doc-subject-label' }, String(node.attrs.label)],
      ['p', { class: 'doc-subject-text' }, 0],
    ],
  },

  paragraph: textBlock('p', 'doc-p', 'block'),
  /** A heading inside the document ("The Pakistan Angle"), printed in italics by FRUS. */
  section_heading: textBlock('h2', 'doc-section', 'block'),
  /** The end of a letter or telegram: a signature, and any words around it. */
  closer: {
    content: '(paragraph | signed)+',
    group: 'block',
    parseDOM: [{ tag: 'div.doc-closer' }],
    toDOM: () => ['div', { class: 'doc-closer' }, 0],
  },
  signed: textBlock('p', 'doc-signed'),
  blockquote: {
    content: 'block+',
    group: 'block',
    parseDOM: [{ tag: 'blockquote' }],
    toDOM: () => ['blockquote', { class: 'doc-quote' }, 0],
  },
  list: {
    content: 'list_item+',
    group: 'block',
    attrs: { ordered: { default: false } },
    parseDOM: [
      { tag: 'ol', attrs: { ordered: true } },
      { tag: 'ul', attrs: { ordered: false } },
    ],
    toDOM: (node) => [node.attrs.ordered ? 'ol' : 'ul', { class: 'doc-list' }, 0],
  },
  list_item: {
    content: 'paragraph block*',
    parseDOM: [{ tag: 'li.doc-li' }],
    toDOM: () => ['li', { class: 'doc-li' }, 0],
  },

  footnotes: {
    content: 'footnote+',
    parseDOM: [{ tag: 'ol.doc-footnotes' }],
    toDOM: () => ['ol', { class: 'doc-footnotes' }, 0],
  },
  /** `kind: 'source'` marks FRUS's source note (footnote 1 on the title). */
  footnote: {
    content: 'inline*',
    attrs: { n: { default: '' }, kind: { default: 'note' } },
    parseDOM: [
      {
        tag: 'li.doc-footnote',
        contentElement: '.doc-footnote-text',
        getAttrs: (dom) => ({ n: dom.getAttribute('data-n'), kind: dom.getAttribute('data-kind') ?? 'note' }),
      },
    ],
    toDOM: (node) => {
      const n = String(node.attrs.n);
      return [
        'li',
        { class: `doc-footnote doc-footnote-${node.attrs.kind}`, id: `fn-${n}`, 'data-n': n, 'data-kind': node.attrs.kind },
        ['a', { class: 'doc-footnote-num', href: `#fnref-${n}`, title: 'Back to the text' }, `${n}.`],
        ['span', { class: 'doc-footnote-text' }, 0],
      ];
    },
  },

  text: { group: 'inline' },

  /** A printed page begins here. Contributes no text. */
  page_break: {
    inline: true,
    group: 'inline',
    atom: true,
    selectable: false,
    attrs: { page: {} },
    leafText: () => '',
    parseDOM: [{ tag: 'span.doc-pb', getAttrs: (dom) => ({ page: Number(dom.getAttribute('data-page')) }) }],
    toDOM: (node) => [
      'span',
      {
        class: 'doc-pb',
        id: `page-${node.attrs.page}`,
        'data-page': String(node.attrs.page),
        'aria-label': `Page ${node.attrs.page}`,
        role: 'note',
      },
      ['span', { class: 'doc-pb-label' }, `p. ${node.attrs.page}`],
    ],
  },

  /** The superscript mark that points to footnote `n`. Contributes no text. */
  footnote_ref: {
    inline: true,
    group: 'inline',
    atom: true,
    selectable: false,
    attrs: { n: {} },
    leafText: () => '',
    parseDOM: [{ tag: 'sup.doc-fnref', getAttrs: (dom) => ({ n: dom.getAttribute('data-n') }) }],
    toDOM: (node) => {
      const n = String(node.attrs.n);
      return [
        'sup',
        { class: 'doc-fnref', 'data-n': n },
        ['a', { href: `#fn-${n}`, id: `fnref-${n}`, 'aria-label': `Footnote ${n}` }, n],
      ];
    },
  },
};

const marks: Record<string, MarkSpec> = {
  em: {
    parseDOM: [{ tag: 'em' }, { tag: 'i' }],
    toDOM: () => ['em', 0],
  },
  strong: {
    parseDOM: [{ tag: 'strong' }, { tag: 'b' }],
    toDOM: () => ['strong', 0],
  },
  /**
   * A person the edition identifies (TEI `persName/@corresp`): `corresp` is the id in the volume's
   * list of persons, `name` the entry found there (null when the list was not at hand).
   */
  person: {
    attrs: { corresp: {}, name: { default: null } },
    parseDOM: [{ tag: 'span.doc-person', getAttrs: (dom) => ({ corresp: dom.getAttribute('data-corresp'), name: dom.getAttribute('title') }) }],
    toDOM: (mark) => ['span', { class: 'doc-person', 'data-corresp': String(mark.attrs.corresp), ...titleAttr(mark.attrs.name) }, 0],
  },
  /** An abbreviation or term the edition glosses (TEI `gloss/@target`), with its definition when known. */
  term: {
    attrs: { target: {}, definition: { default: null } },
    parseDOM: [{ tag: 'abbr.doc-term', getAttrs: (dom) => ({ target: dom.getAttribute('data-target'), definition: dom.getAttribute('title') }) }],
    toDOM: (mark) => ['abbr', { class: 'doc-term', 'data-target': String(mark.attrs.target), ...titleAttr(mark.attrs.definition) }, 0],
  },
  /** A cross-reference of the edition (TEI `ref`): to a footnote here, or a document on history.state.gov. */
  link: {
    attrs: { href: {} },
    inclusive: false,
    parseDOM: [{ tag: 'a.doc-ref[href]', getAttrs: (dom) => ({ href: dom.getAttribute('href') }) }],
    toDOM: (mark) => {
      const href = String(mark.attrs.href);
      const external = !href.startsWith('#');
      return ['a', { class: 'doc-ref', href, ...(external ? { rel: 'noopener noreferrer', target: '_blank' } : {}) }, 0];
    },
  },
};

function titleAttr(value: unknown): Record<string, string> {
  return typeof value === 'string' && value !== '' ? { title: value } : {};
}

export const documentSchema = new Schema({ nodes, marks });
