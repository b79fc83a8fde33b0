import { describe, expect, it } from 'vitest';
import { wordDiff } from '../../shared/word-diff.ts';

const render = (before: string, after: string) =>
  wordDiff(before, after)
    .map((part) => (part.type === 'same' ? part.text : part.type === 'added' ? `{+${part.text}+}` : `[-${part.text}-]`))
    .join('');

describe('word-level diff', () => {
  it('marks replaced, added and removed words, keeping the rest', () => {
    expect(render('Rodman frames this as tactics.', 'Rodman frames this as a tactical offensive.')).toBe('Rodman frames this as [-tactics.-]{+a tactical offensive.+}');
    expect(render('one two three', 'one three')).toBe('one [-two -]three');
    expect(render('', 'new text')).toBe('{+new text+}');
    expect(render('old text', '')).toBe('[-old text-]');
  });

  it('rebuilds both texts from its parts', () => {
    const before = 'The Soviets will indeed pay a high price for such a conference.';
    const after = 'The Soviets will pay a very high price, he argues, for such a conference!';
    const parts = wordDiff(before, after);
    expect(parts.filter((part) => part.type !== 'added').map((part) => part.text).join('').replace(/\s+/g, ' ')).toBe(before.replace(/\s+/g, ' '));
    expect(parts.filter((part) => part.type !== 'removed').map((part) => part.text).join('')).toBe(after);
  });
});
