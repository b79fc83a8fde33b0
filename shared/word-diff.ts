/**
 * A readable word-level diff between two texts, for an annotation's revisions: runs of kept, added
 * and removed words (whitespace travels with the word before it). Longest common subsequence on
 * words; texts too long for that are shown as one removal and one addition.
 */
export type DiffPart = { type: 'same' | 'added' | 'removed'; text: string };

const maxCells = 4_000_000;

function words(text: string): string[] {
  return text.match(/\s*\S+\s*|\s+/g) ?? [];
}

export function wordDiff(before: string, after: string): DiffPart[] {
  const a = words(before);
  const b = words(after);
  if (a.length * b.length > maxCells) return merge([...(before ? [{ type: 'removed' as const, text: before }] : []), ...(after ? [{ type: 'added' as const, text: after }] : [])]);

  // lengths[i][j]: the LCS length of a[i..] and b[j..], in one flat array.
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i * width + j] =
        a[i]!.trim() === b[j]!.trim() ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]!.trim() === b[j]!.trim()) {
      parts.push({ type: 'same', text: b[j]! });
      i += 1;
      j += 1;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      parts.push({ type: 'removed', text: a[i++]! });
    } else {
      parts.push({ type: 'added', text: b[j++]! });
    }
  }
  while (i < a.length) parts.push({ type: 'removed', text: a[i++]! });
  while (j < b.length) parts.push({ type: 'added', text: b[j++]! });
  return merge(parts);
}

/** Joins neighbouring parts of the same type, so a change reads as one run. */
function merge(parts: DiffPart[]): DiffPart[] {
  const merged: DiffPart[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (last && last.type === part.type) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}
