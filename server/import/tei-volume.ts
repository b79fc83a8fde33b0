/**
 * A FRUS volume in TEI split into its documents, in one streaming pass: only the document divisions,
 * the persons and terms lists, the header's volume titles and the page breaks between documents are
 * built as trees. A single document file is a volume of one.
 *
 * The page on which each document begins is the last page break met before it (inside the previous
 * document or between them), so a volume gives every document its first page exactly.
 */
import { ImportError } from './frus-plain-text.ts';
import { isDocumentDivision } from './frus-tei.ts';
import type { VolumeTitles } from './tei-citation.ts';
import { isGlossaryDivision, readGlossary, type Glossary } from './tei-glossary.ts';
import { collapseSpaces, firstChild, scanTei, textOf, type TeiElement } from './tei-tree.ts';

export interface VolumeDocument {
  /** The division's xml:id ("d4"), or a placeholder naming its line when it has none. */
  id: string;
  /** Its head, without notes, for progress and reports. */
  title: string;
  division: TeiElement;
  pageBefore: number | null;
}

export interface TeiVolume {
  /** The TEI root's xml:id ("frus1981-88v05"); null for a file that is a bare division. */
  volumeId: string | null;
  titles: VolumeTitles;
  glossary: Glossary;
  documents: VolumeDocument[];
}

const skipNotes = new Set(['note']);

export function splitTeiVolume(xml: string): TeiVolume {
  let volumeId: string | null = null;
  const titles: VolumeTitles = {};
  const glossaryDivisions: TeiElement[] = [];
  const documents: VolumeDocument[] = [];
  let lastPage: number | null = null;

  scanTei(
    xml,
    (tag) => {
      if (tag.ancestors.length === 0 && tag.name === 'TEI') volumeId = tag.attrs['xml:id']?.trim() || null;
      if (isDocumentDivision(tag.name, tag.attrs) || isGlossaryDivision(tag.name, tag.attrs) || tag.name === 'pb') return true;
      return tag.name === 'title' && tag.ancestors.some((ancestor) => ancestor.name === 'titleStmt');
    },
    (element) => {
      if (element.name === 'pb') lastPage = pageNumber(element) ?? lastPage;
      else if (element.name === 'title') readTitle(element, titles);
      else if (isGlossaryDivision(element.name, element.attrs)) glossaryDivisions.push(element);
      else {
        const head = firstChild(element, 'head');
        documents.push({
          id: element.attrs['xml:id']?.trim() || `document on line ${element.line}`,
          title: head ? collapseSpaces(textOf(head, skipNotes)) : '(no title)',
          division: element,
          pageBefore: lastPage,
        });
        lastPage = lastPageIn(element) ?? lastPage;
      }
    },
  );
  if (documents.length === 0) throw new ImportError('the file holds no FRUS document (<div type="document">)');
  return { volumeId, titles, glossary: readGlossary(glossaryDivisions), documents };
}

function readTitle(title: TeiElement, into: VolumeTitles): void {
  const text = collapseSpaces(textOf(title));
  if (!text) return;
  if (title.attrs.type === 'volume-number') into.number = text;
  else if (title.attrs.type === 'volume') into.title = text;
}

function pageNumber(pb: TeiElement): number | null {
  const page = Number(pb.attrs.n);
  return Number.isInteger(page) && page > 0 ? page : null;
}

/** The last numbered page break in the division's text (its notes' breaks do not count). */
function lastPageIn(element: TeiElement): number | null {
  let last: number | null = null;
  for (const child of element.children) {
    if (typeof child === 'string' || child.name === 'note') continue;
    last = (child.name === 'pb' ? pageNumber(child) : lastPageIn(child)) ?? last;
  }
  return last;
}
