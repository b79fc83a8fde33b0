/**
 * What a typed query means to PostgreSQL, built without ever handing raw input to to_tsquery:
 * - the complete words go to websearch_to_tsquery, which accepts anything a person types ("quoted
 *   phrases", or, -not) and never fails on syntax;
 * - the last word, while it is still being typed (no space after it yet), becomes a prefix term made
 *   here from letters and digits only, so that its to_tsquery input is always valid.
 * `words` are every plain word of the query, for marking matches in excerpts.
 */
export interface SearchTerms {
  complete: string;
  prefix: string | null;
  words: string[];
}

/** One or two letters are no useful prefix ("co…" matches a good part of every layer). */
const minPrefixLength = 3;
const maxWords = 32;

export function searchTerms(input: string): SearchTerms {
  const words = [...input.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)].map((match) => match[0]).slice(0, maxWords);
  const trailing = /[\p{L}\p{N}]+$/u.exec(input);
  if (!trailing) return { complete: input, prefix: null, words };
  const before = input.slice(0, trailing.index);
  // Inside an open quote the word belongs to a phrase; after "-" it is excluded: neither is a prefix.
  const isInPhrase = (before.match(/"/g)?.length ?? 0) % 2 === 1;
  const isNegated = /(^|\s)-$/.test(before);
  const word = trailing[0].toLowerCase();
  if (isInPhrase || isNegated || word.length < minPrefixLength) return { complete: input, prefix: null, words };
  return { complete: before, prefix: word, words };
}

/** True when the terms can match anything at all (punctuation alone cannot). */
export function hasTerms(terms: SearchTerms): boolean {
  return terms.words.length > 0;
}
