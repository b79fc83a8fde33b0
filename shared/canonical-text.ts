/**
 * The canonical text of a document, and the exact map between its offsets and ProseMirror positions.
 *
 * Annotations point at canonical offsets (W3C TextPositionSelector), so this one function decides what
 * an offset means on the server, in the browser and in exports:
 * - every textblock (title, dateline, subject, paragraph, footnote …) contributes its text, in
 *   document order, so footnote texts follow the body;
 * - consecutive textblocks are separated by exactly one "\n";
 * - inline atoms (page breaks, footnote references) are edition markup and contribute nothing, so
 *   "leader[Page 288]ship" reads "leadership" and "November 1986[fn 2] to" reads "November 1986 to".
 *
 * Offsets count UTF-16 code units, as JavaScript strings do; conversion to the W3C's code points
 * belongs to export.
 */
import type { Node as PMNode } from 'prosemirror-model';

/** One inline piece of a textblock: a run of text, or an atom that occupies a position but no text. */
type Segment =
  | { type: 'text'; offset: number; pos: number; length: number }
  | { type: 'atom'; offset: number; pos: number };

interface Block {
  /** Offset of the block's first character in the canonical text. */
  offset: number;
  /** Length of the block's text. */
  length: number;
  /** ProseMirror position of the start of the block's content. */
  contentPos: number;
  /** Size of the block's content in positions (text plus one per atom). */
  contentSize: number;
  segments: Segment[];
}

export interface PageBreak {
  page: number;
  offset: number;
  pos: number;
}

/**
 * Which side of markup an offset lands on when an atom sits exactly there: a range's start goes
 * after it (1), a range's end before it (-1), so a highlight never swallows a neighbouring mark.
 */
export type Assoc = -1 | 1;

export interface TextMap {
  readonly text: string;
  readonly pageBreaks: readonly PageBreak[];
  /** The canonical offset of a document position. Positions between blocks go to the next block. */
  offsetAt(pos: number): number;
  /** The document position of a canonical offset (0 ≤ offset ≤ text.length). */
  posAt(offset: number, assoc?: Assoc): number;
}

export function canonicalText(doc: PMNode): string {
  return buildTextMap(doc).text;
}

export function buildTextMap(doc: PMNode): TextMap {
  const blocks: Block[] = [];
  const pageBreaks: PageBreak[] = [];
  const parts: string[] = [];
  let offset = 0;

  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (blocks.length > 0) offset += 1; // the "\n" between blocks
    const block: Block = { offset, length: 0, contentPos: pos + 1, contentSize: node.content.size, segments: [] };
    let blockText = '';
    node.forEach((child, childOffset) => {
      const childPos = pos + 1 + childOffset;
      if (child.isText) {
        const text = child.text ?? '';
        block.segments.push({ type: 'text', offset: offset + blockText.length, pos: childPos, length: text.length });
        blockText += text;
      } else {
        block.segments.push({ type: 'atom', offset: offset + blockText.length, pos: childPos });
        if (child.type.name === 'page_break') {
          pageBreaks.push({ page: Number(child.attrs.page), offset: offset + blockText.length, pos: childPos });
        }
      }
    });
    block.length = blockText.length;
    blocks.push(block);
    parts.push(blockText);
    offset += blockText.length;
    return false;
  });

  const text = parts.join('\n');

  function offsetAt(pos: number): number {
    const block = blockAtPos(blocks, pos);
    if (!block) return text.length;
    if (pos < block.contentPos) return block.offset;
    for (const segment of block.segments) {
      if (pos <= segment.pos) return segment.offset;
      if (segment.type === 'text' && pos <= segment.pos + segment.length) return segment.offset + (pos - segment.pos);
    }
    return block.offset + block.length;
  }

  function posAt(target: number, assoc: Assoc = 1): number {
    if (!Number.isInteger(target) || target < 0 || target > text.length) {
      throw new RangeError(`offset ${target} is outside the text (0–${text.length})`);
    }
    const block = blockAtOffset(blocks, target);
    if (!block) return 0; // an empty document: one position
    let pos = block.contentPos;
    for (const segment of block.segments) {
      if (segment.type === 'atom') {
        // An atom at the target offset: step over it only when the range extends forward.
        if (segment.offset < target || (segment.offset === target && assoc === 1)) pos = segment.pos + 1;
        else return pos;
      } else if (target <= segment.offset + segment.length) {
        if (target === segment.offset + segment.length && assoc === 1 && segment.length > 0) {
          pos = segment.pos + segment.length;
          continue; // atoms right after this run still come before the target
        }
        return segment.pos + (target - segment.offset);
      } else {
        pos = segment.pos + segment.length;
      }
    }
    return pos;
  }

  return { text, pageBreaks, offsetAt, posAt };
}

/** The first block for which `reaches` holds (it holds for every block after it too), by bisection. */
function firstBlock(blocks: Block[], reaches: (block: Block) => boolean): Block | undefined {
  let lo = 0;
  let hi = blocks.length - 1;
  let found: Block | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (reaches(blocks[mid]!)) {
      found = blocks[mid];
      hi = mid - 1;
    } else {
      lo = mid + 1;
    }
  }
  return found;
}

/** The block whose content contains `pos`, or the first block after it. */
const blockAtPos = (blocks: Block[], pos: number) => firstBlock(blocks, (block) => pos <= block.contentPos + block.contentSize);

/** The block holding `offset`; an offset on the "\n" after a block belongs to that block's end. */
const blockAtOffset = (blocks: Block[], offset: number) => firstBlock(blocks, (block) => offset <= block.offset + block.length);

/** The printed page on which `offset` stands: the last page break at or before it, else `firstPage`. */
export function pageAt(map: TextMap, offset: number, firstPage: number | null): number | null {
  let page = firstPage;
  for (const pageBreak of map.pageBreaks) {
    if (pageBreak.offset <= offset) page = pageBreak.page;
    else break;
  }
  return page;
}
