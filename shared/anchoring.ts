/**
 * Anchoring: finding where selectors point in a text, which may be another version of the text they
 * were made on. Pure string code, no DOM, used by the server (to re-anchor on a new version) and the
 * client (to place highlights).
 *
 * In order: the position, if it still holds the quote; else the exact quote, choosing among several
 * occurrences by context and nearness; else an approximate match of the quote (Myers' bit-parallel
 * algorithm, via approx-string-match), scored by how well the quote, its prefix and its suffix match
 * and how near it is. A failure is a value, an orphan, never an exception.
 */
import search from 'approx-string-match';
import type { Selectors } from './selectors.ts';

export type Anchor =
  | { type: 'anchored'; start: number; end: number; method: 'position' | 'quote' | 'fuzzy' }
  | { type: 'orphan'; reason: string };

/** The least similarity (0–1) of a fuzzy match's quote for the annotation to stay anchored. */
const minQuoteSimilarity = 0.75;

export function anchor(text: string, selectors: Selectors): Anchor {
  const { start, end } = selectors.position;
  const { exact, prefix, suffix } = selectors.quote;
  if (end <= text.length && text.slice(start, end) === exact) return { type: 'anchored', start, end, method: 'position' };

  const exactStarts = occurrences(text, exact);
  if (exactStarts.length > 0) {
    const best = bestBy(exactStarts, (at) => contextScore(text, at, at + exact.length, prefix, suffix) + nearness(at, start, text.length));
    return { type: 'anchored', start: best, end: best + exact.length, method: 'quote' };
  }

  const maxErrors = Math.floor(exact.length * (1 - minQuoteSimilarity));
  if (maxErrors === 0) return { type: 'orphan', reason: 'the passage is no longer in the text' };
  const candidates = search(text, exact, maxErrors);
  if (candidates.length === 0) return { type: 'orphan', reason: 'the passage is no longer in the text' };
  const best = bestBy(candidates, (match) => {
    const quoteSimilarity = 1 - match.errors / exact.length;
    return 2 * quoteSimilarity + contextScore(text, match.start, match.end, prefix, suffix) + nearness(match.start, start, text.length);
  });
  return { type: 'anchored', start: best.start, end: best.end, method: 'fuzzy' };
}

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

function bestBy<T>(items: T[], score: (item: T) => number): T {
  let best = items[0] as T;
  let bestScore = -Infinity;
  for (const item of items) {
    const value = score(item);
    if (value > bestScore) {
      best = item;
      bestScore = value;
    }
  }
  return best;
}

/** 0–2: how much of the prefix and the suffix stand next to [start, end), each 0–1. */
function contextScore(text: string, start: number, end: number, prefix: string, suffix: string): number {
  return similarity(text.slice(Math.max(0, start - prefix.length), start), prefix) + similarity(text.slice(end, end + suffix.length), suffix);
}

/** 0–0.1: a small preference for the place the annotation was, to break ties. */
function nearness(at: number, was: number, length: number): number {
  return 0.1 * (1 - Math.min(1, Math.abs(at - was) / Math.max(1, length)));
}

/** 1 for equal strings, down to 0, by edit distance relative to the expected length. */
function similarity(actual: string, expected: string): number {
  if (expected.length === 0) return 1;
  const [match] = search(actual, expected, expected.length);
  return match ? Math.max(0, 1 - match.errors / expected.length) : 0;
}
