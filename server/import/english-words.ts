/**
 * A lazily loaded English word list, used to decide whether a page marker printed between two
 * fragments ("leader [Page 288] ship") splits one word. Loading costs ~100 ms, paid once per process.
 */
import { createRequire } from 'node:module';

let words: Set<string> | undefined;

export function isEnglishWord(candidate: string): boolean {
  if (!words) {
    const require = createRequire(import.meta.url);
    words = new Set(require('an-array-of-english-words') as string[]);
  }
  return words.has(candidate.toLowerCase());
}
