import { describe, expect, it } from 'vitest';
import { colourOfTags, findTag, retagged, type TagRecord } from '../../shared/tag-vocabulary.ts';

const tag = (name: string, colour: string | null = null): TagRecord => ({ id: name, name, colour, description: '' });

describe('the tag vocabulary’s pure rules', () => {
  it('finds a tag whatever the case it is written in', () => {
    const tags = [tag('Helsinki'), tag('leadership')];
    expect(findTag(tags, 'HELSINKI')?.name).toBe('Helsinki');
    expect(findTag(tags, 'Vienna')).toBeUndefined();
  });

  it('renames a tag in place, merges it into one already there, or takes it off', () => {
    expect(retagged(['Gorbachev', 'leadership', 'CSCE'], 'Leadership', 'Soviet leadership')).toEqual(['Gorbachev', 'Soviet leadership', 'CSCE']);
    expect(retagged(['Helsinki Final Act', 'CSCE'], 'Helsinki Final Act', 'CSCE')).toEqual(['CSCE']);
    expect(retagged(['CSCE', 'Helsinki Final Act'], 'Helsinki Final Act', 'csce')).toEqual(['CSCE']);
    expect(retagged(['draft', 'Gorbachev'], 'draft', null)).toEqual(['Gorbachev']);
    expect(retagged(['Gorbachev'], 'draft', null)).toEqual(['Gorbachev']);
  });

  it('colours an annotation by its first tag that has a colour in the vocabulary', () => {
    const vocabulary = [tag('Helsinki', '#27ae60'), tag('leadership', '#c0392b'), tag('plain')];
    expect(colourOfTags(['plain', 'LEADERSHIP', 'Helsinki'], vocabulary)).toBe('#c0392b');
    expect(colourOfTags(['plain', 'unknown'], vocabulary)).toBeNull();
    expect(colourOfTags([], vocabulary)).toBeNull();
  });
});
