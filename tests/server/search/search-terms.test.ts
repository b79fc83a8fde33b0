import { describe, expect, it } from 'vitest';
import { searchTerms } from '../../../server/search/search-terms.ts';
import { monthsBetween } from '../../../server/search/search-tokens.ts';

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

describe('month tokens of a date range', () => {
  it('lists the UTC months a range touches, its end excluded', () => {
    expect(monthsBetween(new Date('2025-11-15T00:00:00Z'), new Date('2026-02-01T00:00:00Z'))).toEqual([202511, 202512, 202601]);
    expect(monthsBetween(new Date('2025-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00.001Z'))).toEqual([202501]);
    expect(monthsBetween(new Date('2020-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'))).toBeNull();
  });
});
