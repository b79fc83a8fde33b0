/**
 * Footnote references in FRUS plain text.
 *
 * The plain text glues a reference's number to the word before it: "November 19862 to host",
 * "RFE/RL,3", "willing to pay.4". References appear in footnote order, so each search looks only for
 * the next expected number, after the previous reference. A number glued to digits counts only when
 * what precedes it is a four-digit year ("1986" + "2"), so that "1937" is never read as "193" + 7.
 */
export type RefPiece = { type: 'text'; text: string } | { type: 'footnote_ref'; n: string };

const CLOSES_A_REF = /^(?:$|[\s.,;:!?)\]”’"'—–-])/u;

/** The index at which footnote `n`'s reference begins in `text`, at or after `from`, or -1. */
export function findFootnoteRef(text: string, n: string, from = 0): number {
  for (let at = text.indexOf(n, from); at !== -1; at = text.indexOf(n, at + 1)) {
    if (at === 0) continue;
    const previous = text[at - 1]!;
    if (/\s/u.test(previous)) continue;
    if (!CLOSES_A_REF.test(text.slice(at + n.length))) continue;
    if (/\d/u.test(previous)) {
      const digitsBefore = /(\d+)$/u.exec(text.slice(0, at))![1]!;
      const startsAWord = at - digitsBefore.length === 0 || /\s/u.test(text[at - digitsBefore.length - 1]!);
      if (digitsBefore.length !== 4 || !startsAWord) continue;
    }
    return at;
  }
  return -1;
}

/**
 * Takes the references to the `expected` footnotes (in order) out of `text`. Returns the pieces and
 * how many of `expected` were found; the caller carries the rest over to the next paragraph.
 */
export function extractFootnoteRefs(text: string, expected: readonly string[]): { pieces: RefPiece[]; found: number } {
  const pieces: RefPiece[] = [];
  let rest = 0;
  let found = 0;
  for (const n of expected) {
    const at = findFootnoteRef(text, n, rest);
    if (at === -1) break;
    if (at > rest) pieces.push({ type: 'text', text: text.slice(rest, at) });
    pieces.push({ type: 'footnote_ref', n });
    rest = at + n.length;
    found += 1;
  }
  if (rest < text.length) pieces.push({ type: 'text', text: text.slice(rest) });
  return { pieces, found };
}
