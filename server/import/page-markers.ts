/**
 * Page markers inside a paragraph of FRUS plain text.
 *
 * The Office of the Historian's plain text prints every page break as " [Page N] " with a space on
 * each side, whether the break fell between words ("we [Page 290] are") or inside one
 * ("leader [Page 288] ship", `leader<pb/>ship` in the TEI). The spacing cannot tell the two apart, so
 * the fragments are joined when together they make a word that the separate pieces do not explain
 * better: the joined form is an English word or is used elsewhere in the same document.
 */
import { isEnglishWord } from './english-words.ts';

export type MarkedPiece = { type: 'text'; text: string } | { type: 'page_break'; page: number };

const PAGE_MARKER = /\s*\[Page (\d+)\]\s*/g;

export function isPageMarkerLine(line: string): number | null {
  const match = /^\s*\[Page (\d+)\]\s*$/.exec(line);
  return match ? Number(match[1]) : null;
}

/**
 * Splits a paragraph at its page markers. A marker between words leaves exactly one space, placed
 * before the break so that the new page begins with the next word.
 */
export function splitAtPageMarkers(paragraph: string, documentText: string): MarkedPiece[] {
  const pieces: MarkedPiece[] = [];
  let rest = 0;
  let pending = '';
  for (const match of paragraph.matchAll(PAGE_MARKER)) {
    const before = pending + paragraph.slice(rest, match.index);
    const afterStart = match.index + match[0].length;
    const after = paragraph.slice(afterStart);
    const atEdge = before === '' || after === '';
    const joined = !atEdge && splitsAWord(before, after, documentText);
    pieces.push({ type: 'text', text: joined || atEdge ? before : `${before} ` });
    pieces.push({ type: 'page_break', page: Number(match[1]) });
    rest = afterStart;
    pending = '';
  }
  pieces.push({ type: 'text', text: pending + paragraph.slice(rest) });
  return pieces.filter((piece) => piece.type !== 'text' || piece.text !== '');
}

function splitsAWord(before: string, after: string, documentText: string): boolean {
  const head = /(\p{L}+)$/u.exec(before)?.[1];
  const tail = /^(\p{Ll}+)/u.exec(after)?.[1];
  if (!head || !tail) return false;
  const word = head + tail;
  return isEnglishWord(word) || usedAsWord(word, documentText);
}

function usedAsWord(word: string, documentText: string): boolean {
  return new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, 'iu').test(documentText);
}
