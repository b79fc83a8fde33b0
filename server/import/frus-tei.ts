/**
 * The importer for FRUS documents in the Office of the Historian's TEI: a `<div type="document">`
 * with its `<head>` (the title, whose `<note type="source">` is the source note), `<opener>` and
 * `<dateline>`, a `<list type="subject">`, the body, and its `<closer>`; or a TEI file holding one.
 *
 * It yields the same `ImportedDocument` as the plain-text importer, in the same schema and under the
 * same canonical-text rules, with what the TEI says and the plain text cannot: the dateline and the
 * citation from the file, italics, section headings, the signature, and marks on the persons and
 * terms the edition identifies. (A whole volume is split first: tei-volume.ts.)
 */
import type { Node as PMNode } from 'prosemirror-model';
import { canonicalText } from '../../shared/canonical-text.ts';
import type { DocumentMetadata } from '../../shared/document.ts';
import { documentSchema as schema } from '../../shared/schema.ts';
import { ImportError, type ImportedDocument } from './frus-plain-text.ts';
import { BlockReader } from './tei-blocks.ts';
import { teiCitation, volumeIdFromName, type VolumeTitles } from './tei-citation.ts';
import { emptyGlossary, isGlossaryDivision, readGlossary, type Glossary } from './tei-glossary.ts';
import { footnoteRecords, type TeiDocumentContext } from './tei-inline.ts';
import { childElements, collapseSpaces, isElement, parseTei, textOf, type TeiChild, type TeiElement } from './tei-tree.ts';

export interface TeiImportOptions {
  /** "frus1981-88v41"; else the TEI root's xml:id, else read from the metadata's slug. */
  volumeId?: string | null | undefined;
  volumeTitles?: VolumeTitles | undefined;
  /** The volume's persons and terms; else those the file itself holds. */
  glossary?: Glossary | undefined;
  /** The printed page on which the division begins, when the volume around it says so. */
  pageBefore?: number | null | undefined;
}

export const isDocumentDivision = (name: string, attrs: Readonly<Record<string, string>>) => name === 'div' && attrs.type === 'document';

/** Imports a TEI file holding one FRUS document. Throws ImportError when it holds none, or several. */
export function importFrusTei(xml: string, metadata: DocumentMetadata = {}, options: TeiImportOptions = {}): ImportedDocument {
  const root = parseTei(xml);
  const divisions = findAll(root, (element) => isDocumentDivision(element.name, element.attrs));
  if (divisions.length === 0) throw new ImportError('the file holds no FRUS document (<div type="document">)');
  if (divisions.length > 1) throw new ImportError(`the file holds ${divisions.length} documents: import it as a volume`);
  const ownGlossary = findAll(root, (element) => isGlossaryDivision(element.name, element.attrs));
  const rootVolume = root.name === 'TEI' ? root.attrs['xml:id'] : undefined;
  return importTeiDivision(divisions[0]!, metadata, {
    ...options,
    volumeId: options.volumeId ?? rootVolume ?? volumeIdFromName(metadata.slug ?? ''),
    glossary: options.glossary ?? (ownGlossary.length > 0 ? readGlossary(ownGlossary) : emptyGlossary),
  });
}

/** Imports one document division, already parsed (a volume's are). */
export function importTeiDivision(division: TeiElement, metadata: DocumentMetadata = {}, options: TeiImportOptions = {}): ImportedDocument {
  try {
    return convertDivision(division, metadata, options);
  } catch (error) {
    // ProseMirror refuses content the schema has no place for: a fault of the file, said as one.
    if (error instanceof RangeError) throw new ImportError(`${division.attrs['xml:id'] ?? 'a document'}: its structure does not fit a document (${error.message})`);
    throw error;
  }
}

function convertDivision(division: TeiElement, metadata: DocumentMetadata, options: TeiImportOptions): ImportedDocument {
  const documentId = division.attrs['xml:id']?.trim();
  if (!documentId) throw new ImportError(`the document division on line ${division.line} has no xml:id`);
  const volumeId = options.volumeId ?? null;
  const context: TeiDocumentContext = { volumeId, documentId, glossary: options.glossary ?? emptyGlossary, footnotes: [], warnings: [] };
  const reader = new BlockReader(context);

  const leading: TeiChild[] = [];
  let title: PMNode | null = null;
  let dateline: PMNode | null = null;
  let subject: PMNode | null = null;
  const openerBlocks: PMNode[] = [];
  const body: TeiChild[] = [];
  for (const child of division.children) {
    if (!title) {
      if (isElement(child) && child.name === 'head') {
        title = reader.textblock(schema.nodes.title!, [...leading, ...child.children]);
        if (!title) throw new ImportError(`${documentId}: the document's <head> (line ${child.line}) is empty`);
      } else if (isElement(child) && child.name !== 'pb') {
        throw new ImportError(`${documentId}: the document does not begin with its title (<head>), but with <${child.name}> on line ${child.line}`);
      } else leading.push(child);
      continue;
    }
    const beforeBody = body.every((part) => typeof part === 'string' && part.trim() === '');
    if (isElement(child) && child.name === 'opener' && beforeBody && !dateline) {
      for (const part of child.children) {
        if (isElement(part) && part.name === 'dateline' && !dateline) dateline = reader.textblock(schema.nodes.dateline!, part.children);
        else openerBlocks.push(...reader.flow([part]));
      }
    } else if (isElement(child) && child.name === 'dateline' && beforeBody && !dateline) {
      dateline = reader.textblock(schema.nodes.dateline!, child.children);
    } else if (isElement(child) && child.name === 'list' && child.attrs.type === 'subject' && beforeBody && !subject) {
      subject = subjectNode(child, reader);
    } else body.push(child);
  }
  if (!title) throw new ImportError(`${documentId}: the document has no title (<head>)`);

  const blocks = [...openerBlocks, ...reader.flow(body)];
  for (const atom of reader.leftovers()) {
    // A break after the last words begins the next document's page; a note there has lost its place.
    if (atom.type.name === 'footnote_ref') context.warnings.push(`${documentId}: note ${String(atom.attrs.n)} stands after the last paragraph; its reference was left out`);
  }
  const nodes = [title, ...(dateline ? [dateline] : []), ...(subject ? [subject] : []), ...blocks];
  if (context.footnotes.length > 0) nodes.push(schema.node('footnotes', null, context.footnotes));
  const doc = schema.node('doc', null, nodes);
  doc.check();

  const pages: number[] = [];
  doc.descendants((node) => {
    if (node.type.name === 'page_break') pages.push(Number(node.attrs.page));
  });
  const documentNumber = division.attrs.n?.trim() || documentId.replace(/^d/, '');
  const firstPage = firstPageOf(title, pages, options.pageBefore ?? null);
  return {
    slug: metadata.slug ?? (volumeId ? `${volumeId}-${documentId}` : null),
    title: title.textContent,
    dateline: metadata.dateline ?? dateline?.textContent ?? null,
    citation: metadata.citation ?? (volumeId ? teiCitation(volumeId, documentId, documentNumber, firstPage, options.volumeTitles) : null),
    body: doc.toJSON(),
    text: canonicalText(doc),
    pages,
    footnotes: footnoteRecords(context.footnotes),
    warnings: context.warnings,
  };
}

/** `<list type="subject"><head>SUBJECT</head><item>…</item></list>`: the label and the items' text. */
function subjectNode(list: TeiElement, reader: BlockReader): PMNode | null {
  const head = childElements(list, 'head')[0];
  const label = head ? collapseSpaces(textOf(head)) || 'SUBJECT' : 'SUBJECT';
  const items = childElements(list, 'item').flatMap((item, index) => (index === 0 ? item.children : [' ', ...item.children]));
  return reader.textblock(schema.nodes.subject!, items, { label });
}

/**
 * The page on which the document begins: the break that opens it; else the page the volume was on;
 * else, for a document cut out of its volume, the page before its first break (a break is printed
 * where a new page begins, so the words before it stood on the previous page).
 */
function firstPageOf(title: PMNode, pages: number[], pageBefore: number | null): number | null {
  const opening = title.firstChild;
  if (opening?.type.name === 'page_break') return Number(opening.attrs.page);
  if (pageBefore !== null) return pageBefore;
  const first = pages[0];
  return first !== undefined && first > 1 ? first - 1 : null;
}

function findAll(root: TeiElement, test: (element: TeiElement) => boolean): TeiElement[] {
  if (test(root)) return [root];
  return childElements(root).flatMap((child) => findAll(child, test));
}
