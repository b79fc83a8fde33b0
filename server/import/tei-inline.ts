/**
 * TEI mixed content to ProseMirror inline content: text with marks (person, term, italics, bold,
 * links), page breaks and footnote references as atoms.
 *
 * Whitespace is the XML's layout, not the source's: every run of it becomes one space, a block starts
 * and ends with none, and atoms are transparent to it, so `we <pb/> are` reads "we are" with the
 * break after the space (as the plain-text importer places it) and `leader<pb/>ship` reads
 * "leadership". A `<note>` becomes a reference where it stands and a footnote collected for the end.
 */
import type { Mark, Node as PMNode } from 'prosemirror-model';
import type { DocumentFootnote } from '../../shared/document.ts';
import { documentSchema as schema } from '../../shared/schema.ts';
import { ImportError } from './frus-plain-text.ts';
import type { Glossary } from './tei-glossary.ts';
import { resolveRef } from './tei-refs.ts';
import { idRef, isElement, type TeiChild, type TeiElement } from './tei-tree.ts';

/** What converting one document gathers as it goes. */
export interface TeiDocumentContext {
  volumeId: string | null;
  /** The division's xml:id, "d97". */
  documentId: string;
  glossary: Glossary;
  /** Footnote nodes in the order their notes stand. */
  footnotes: PMNode[];
  warnings: string[];
}

type Piece = { type: 'text'; text: string; marks: readonly Mark[] } | { type: 'atom'; node: PMNode };

/** Elements whose content reads as running text and carries no meaning the reader shows. */
const transparent = new Set([
  'date', 'placeName', 'orgName', 'geogName', 'name', 'rs', 'foreign', 'title', 'term', 'q', 'quote', 'seg',
  'unclear', 'supplied', 'add', 'num', 'measure', 'abbr', 'expan', 'choice', 'said', 'emph', 'mentioned', 'soCalled', 'label', 'idno',
]);
const dropped = new Set(['del', 'sic-corr', 'fw', 'anchor', 'index', 'milestone']);

/** The inline nodes of `children`, with `marks` on all their text. */
export function inlineNodes(children: readonly TeiChild[], context: TeiDocumentContext, options: { inNote?: boolean } = {}): PMNode[] {
  return tidy(pieces(children, context, [], options.inNote ?? false));
}

function pieces(children: readonly TeiChild[], context: TeiDocumentContext, marks: readonly Mark[], inNote: boolean): Piece[] {
  const out: Piece[] = [];
  for (const child of children) {
    if (!isElement(child)) {
      out.push({ type: 'text', text: child, marks });
      continue;
    }
    const inner = (extra: Mark | null) => pieces(child.children, context, extra ? extra.addToSet(marks) : marks, inNote);
    switch (child.name) {
      case 'persName': {
        const corresp = idRef(child.attrs.corresp);
        out.push(...inner(corresp ? schema.marks.person!.create({ corresp, name: context.glossary.persons.get(corresp) ?? null }) : null));
        break;
      }
      case 'gloss': {
        const target = idRef(child.attrs.target);
        out.push(...inner(target ? schema.marks.term!.create({ target, definition: context.glossary.terms.get(target) ?? null }) : null));
        break;
      }
      case 'hi':
        out.push(...inner(emphasis(child.attrs.rend)));
        break;
      case 'ref': {
        const href = resolveRef(child.attrs.target, context);
        out.push(...inner(href ? schema.marks.link!.create({ href }) : null));
        break;
      }
      case 'pb':
        // A break inside a footnote would put a page after the body's last: the footnotes carry none.
        if (!inNote) out.push(...pageBreak(child, context));
        break;
      case 'note':
        out.push({ type: 'atom', node: collectFootnote(child, context) });
        break;
      case 'lb':
        out.push({ type: 'text', text: ' ', marks });
        break;
      case 'figure':
      case 'graphic':
        context.warnings.push(`${context.documentId}: an illustration (line ${child.line}) is not shown`);
        break;
      default:
        if (dropped.has(child.name)) break;
        if (!transparent.has(child.name)) context.warnings.push(`${context.documentId}: <${child.name}> (line ${child.line}) is read as plain text`);
        out.push(...inner(null));
    }
  }
  return out;
}

function emphasis(rend: string | undefined): Mark | null {
  if (!rend) return null;
  if (/italic/.test(rend)) return schema.marks.em!.create();
  if (/strong|bold/.test(rend)) return schema.marks.strong!.create();
  return null;
}

export function pageBreak(element: TeiElement, context: TeiDocumentContext): Piece[] {
  const page = Number(element.attrs.n);
  if (Number.isInteger(page) && page > 0) return [{ type: 'atom', node: schema.node('page_break', { page }) }];
  context.warnings.push(`${context.documentId}: a page break without a page number (line ${element.line}) was left out`);
  return [];
}

/** Files the note's text as a footnote and returns the reference that stands for it. */
function collectFootnote(note: TeiElement, context: TeiDocumentContext): PMNode {
  const n = (note.attrs.n ?? '').trim();
  if (!n) throw new ImportError(`${context.documentId}: a note on line ${note.line} has no number (n)`);
  if (context.footnotes.some((footnote) => footnote.attrs.n === n)) {
    throw new ImportError(`${context.documentId}: two notes are numbered ${n} (the second on line ${note.line})`);
  }
  const kind = note.attrs.type === 'source' ? 'source' : 'note';
  // Reserved before the note's own content is read, so that a note inside a note comes after it.
  const index = context.footnotes.length;
  context.footnotes.push(schema.node('footnote', { n, kind }));
  context.footnotes[index] = schema.node('footnote', { n, kind }, inlineNodes(note.children, context, { inNote: true }));
  return schema.node('footnote_ref', { n });
}

/** Collapses the XML's whitespace (see the module comment) and builds the nodes. */
function tidy(input: Piece[]): PMNode[] {
  let afterSpace = true; // a block starts with no space
  const collapsed: Piece[] = [];
  for (const piece of input) {
    if (piece.type === 'atom') {
      collapsed.push(piece);
      continue;
    }
    let text = piece.text.replace(/\s+/g, ' ');
    if (afterSpace && text.startsWith(' ')) text = text.slice(1);
    if (text === '') continue;
    afterSpace = text.endsWith(' ');
    collapsed.push({ ...piece, text });
  }
  // A block ends with no space, even when atoms (a footnote reference) follow its last word.
  for (let i = collapsed.length - 1; i >= 0; i -= 1) {
    const piece = collapsed[i]!;
    if (piece.type === 'atom') continue;
    const text = piece.text.replace(/ $/, '');
    if (text !== '') {
      collapsed[i] = { ...piece, text };
      break;
    }
    collapsed.splice(i, 1);
  }
  return collapsed.map((piece) => (piece.type === 'atom' ? piece.node : schema.text(piece.text, piece.marks)));
}

/** The footnote texts as the document record lists them. */
export function footnoteRecords(footnotes: readonly PMNode[]): DocumentFootnote[] {
  return footnotes.map((footnote) => ({ n: String(footnote.attrs.n), kind: footnote.attrs.kind === 'source' ? 'source' : 'note', text: footnote.textContent }));
}
