/**
 * The importer for FRUS-style plain text: the form in which the Office of the Historian's documents
 * are delivered as text (the memo in server/seed/ is one).
 *
 * The shape it reads:
 *   97. Memorandum From … (Carlucci)1          ← title; a glued trailing number is footnote 1
 *   SUBJECT                                    ← optional subject block, its text on the next
 *     • A Moscow Conference on Human Rights?     block behind a bullet
 *   Paragraphs separated by blank lines; "[Page N]" alone on a line or inside a paragraph;
 *   footnote numbers glued to the word they follow ("November 19862");
 *     1. Source: …                             ← the footnotes, numbered from 1, at the end
 *
 * What plain text cannot say (volume, dateline, first page) comes from the metadata.
 */
import { Fragment, type Node as PMNode } from 'prosemirror-model';
import { documentSchema as schema } from '../../shared/schema.ts';
import { canonicalText } from '../../shared/canonical-text.ts';
import type { Citation, DocumentFootnote, DocumentMetadata } from '../../shared/document.ts';
import { extractFootnoteRefs, findFootnoteRef } from './footnote-refs.ts';
import { isPageMarkerLine, splitAtPageMarkers } from './page-markers.ts';

export interface ImportedDocument {
  slug: string | null;
  title: string;
  dateline: string | null;
  citation: Citation | null;
  /** ProseMirror JSON in `documentSchema`. */
  body: unknown;
  text: string;
  pages: number[];
  footnotes: DocumentFootnote[];
  /** What the importer could not place (a footnote without a reference …): shown to whoever imports. */
  warnings: string[];
}

export class ImportError extends Error {}

const FOOTNOTE_LINE = /^\s*(\d+)\.\s+(\S.*)$/;
const BULLET = /^[•·▪‣◦*-]\s*/u;

export function importFrusPlainText(source: string, metadata: DocumentMetadata = {}): ImportedDocument {
  const lines = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const { bodyLines, footnotes } = splitFootnotes(lines);
  const blocks = toBlocks(bodyLines);
  const titleLine = blocks.shift();
  if (!titleLine) throw new ImportError('the file is empty: a FRUS document starts with its title');

  const warnings: string[] = [];
  const expectedRefs = footnotes.map((footnote) => footnote.n);
  const flatText = blocks.join('\n');

  const title = titleNode(titleLine, expectedRefs);
  const nodes: PMNode[] = [title];
  if (metadata.dateline) nodes.push(schema.node('dateline', null, schema.text(metadata.dateline)));
  if (blocks[0]?.trim() === 'SUBJECT' || /^SUBJECT:/.test(blocks[0] ?? '')) {
    nodes.push(subjectNode(blocks));
  }

  let pendingPage: number | null = null;
  for (const block of blocks) {
    const page = isPageMarkerLine(block);
    if (page !== null) {
      pendingPage = page;
      continue;
    }
    const inline = inlineContent(block, flatText, expectedRefs);
    if (pendingPage !== null) inline.unshift(schema.node('page_break', { page: pendingPage }));
    pendingPage = null;
    nodes.push(schema.node('paragraph', null, inline));
  }
  if (pendingPage !== null) warnings.push(`[Page ${pendingPage}] stands after the last paragraph and was dropped`);
  for (const n of expectedRefs) warnings.push(`footnote ${n} has no reference in the text`);

  if (footnotes.length > 0) {
    nodes.push(
      schema.node(
        'footnotes',
        null,
        footnotes.map((footnote) => schema.node('footnote', { n: footnote.n, kind: footnote.kind }, schema.text(footnote.text))),
      ),
    );
  }

  const doc = schema.node('doc', null, nodes);
  doc.check();
  const pages: number[] = [];
  doc.descendants((node) => {
    if (node.type.name === 'page_break') pages.push(Number(node.attrs.page));
  });
  return {
    slug: metadata.slug ?? null,
    title: title.textContent,
    dateline: metadata.dateline ?? null,
    citation: metadata.citation ?? null,
    body: doc.toJSON(),
    text: canonicalText(doc),
    pages,
    footnotes,
    warnings,
  };
}

/** The numbered notes at the end of the file, when they run 1, 2, 3 … to the last line. */
function splitFootnotes(lines: string[]): { bodyLines: string[]; footnotes: DocumentFootnote[] } {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end -= 1;
  let start = end;
  while (start > 0 && (FOOTNOTE_LINE.test(lines[start - 1]!) || lines[start - 1]!.trim() === '')) start -= 1;
  while (start < end && lines[start]!.trim() === '') start += 1;

  const notes = lines.slice(start, end).filter((line) => line.trim() !== '');
  const numbered = notes.map((line) => FOOTNOTE_LINE.exec(line)!);
  const runsFromOne = numbered.every((match, index) => Number(match[1]) === index + 1);
  if (notes.length === 0 || !runsFromOne) return { bodyLines: lines, footnotes: [] };

  const footnotes = numbered.map((match): DocumentFootnote => {
    const text = collapseSpaces(match[2]!);
    return { n: match[1]!, kind: match[1] === '1' && /^Source:/.test(text) ? 'source' : 'note', text };
  });
  return { bodyLines: lines.slice(0, start), footnotes };
}

/** Blank-line separated blocks, each with its wrapped lines joined and its spacing collapsed. */
function toBlocks(lines: string[]): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  for (const line of [...lines, '']) {
    if (line.trim() === '') {
      if (current.length > 0) blocks.push(collapseSpaces(current.join(' ')));
      current = [];
    } else {
      current.push(line);
    }
  }
  return blocks;
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The title, with its footnote (FRUS's source note is footnote 1 on the title) as a reference. */
function titleNode(line: string, expectedRefs: string[]): PMNode {
  const n = expectedRefs[0];
  const at = n === undefined ? -1 : findFootnoteRef(line, n);
  if (n === undefined || at === -1 || at + n.length !== line.length) return schema.node('title', null, schema.text(line));
  expectedRefs.shift();
  return schema.node('title', null, [schema.text(line.slice(0, at)), schema.node('footnote_ref', { n })]);
}

/** Consumes the subject blocks ("SUBJECT" then "• text", or "SUBJECT: text") from `blocks`. */
function subjectNode(blocks: string[]): PMNode {
  const head = blocks.shift()!;
  const sameLine = head.replace(/^SUBJECT:?/, '').trim();
  const text = sameLine || (blocks.shift() ?? '').replace(BULLET, '').trim();
  return schema.node('subject', null, text ? schema.text(text) : Fragment.empty);
}

/** A paragraph's text with its page breaks and footnote references as atoms. */
function inlineContent(block: string, documentText: string, expectedRefs: string[]): PMNode[] {
  const inline: PMNode[] = [];
  for (const piece of splitAtPageMarkers(block, documentText)) {
    if (piece.type === 'page_break') {
      inline.push(schema.node('page_break', { page: piece.page }));
      continue;
    }
    const { pieces, found } = extractFootnoteRefs(piece.text, expectedRefs);
    expectedRefs.splice(0, found);
    for (const part of pieces) {
      inline.push(part.type === 'text' ? schema.text(part.text) : schema.node('footnote_ref', { n: part.n }));
    }
  }
  return inline;
}
