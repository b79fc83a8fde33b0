import { describe, expect, it } from 'vitest';
import { searchTerms } from '../../../server/search/search-terms.ts';

describe('search terms', () => {
  it('takes the last word as a prefix while no space follows it', () => {
    expect(searchTerms('soviet conf')).toEqual({ complete: 'soviet ', prefix: 'conf', words: ['soviet', 'conf'] });
    expect(searchTerms('soviet conf ')).toEqual({ complete: 'soviet conf ', prefix: null, words: ['soviet', 'conf'] });
  });

  it('leaves a word inside an open phrase, an excluded word and a single letter to the complete query', () => {
    expect(searchTerms('"human rig').prefix).toBeNull();
    expect(searchTerms('"human rights" sov').prefix).toBe('sov');
    expect(searchTerms('moscow -jam').prefix).toBeNull();
    expect(searchTerms('moscow a').prefix).toBeNull();
    expect(searchTerms('moscow co').prefix).toBeNull();
  });

  it('makes the prefix of letters and digits only, whatever was typed around it', () => {
    expect(searchTerms("Shultz's:* | !x(Gorb")).toMatchObject({ prefix: 'gorb', words: ['shultz', 's', 'x', 'gorb'] });
    expect(searchTerms('Ельцин')).toMatchObject({ prefix: 'ельцин' });
  });
});
