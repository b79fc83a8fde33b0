/** The text side of @mentions: what is being typed before the caret, who it matches, what is written. */
import { describe, expect, it } from 'vitest';
import { mentionedUserIds } from '../../shared/notifications.ts';
import { findMentionQuery, insertMention, matchMembers } from '../../client/margin/mention-query.ts';

const ana = { userId: '11111111-1111-4111-8111-111111111111', name: 'Ana Ruiz' };
const elise = { userId: '22222222-2222-4222-8222-222222222222', name: 'Élise Martin' };
const bruno = { userId: '33333333-3333-4333-8333-333333333333', name: 'Bruno Anand' };
const members = [elise, bruno, ana];

const at = (text: string) => findMentionQuery(text, text.length);

describe('finding the @query before the caret', () => {
  it('finds the letters typed after an @ that opens a word', () => {
    expect(at('I agree with @An')).toEqual({ start: 13, end: 16, query: 'An' });
    expect(at('@')).toEqual({ start: 0, end: 1, query: '' });
    expect(at('(see @el')).toEqual({ start: 5, end: 8, query: 'el' });
  });

  it('follows a first and last name across one space', () => {
    expect(at('cc @Ana R')?.query).toBe('Ana R');
  });

  it('ignores an @ inside a word, such as an e-mail address', () => {
    expect(at('write to ana@exam')).toBeNull();
  });

  it('leaves a mention already written alone', () => {
    expect(at('[@Ana Ruiz')).toBeNull();
  });

  it('stops at the end of a line, at a second space and at other marks', () => {
    expect(at('@Ana\nthen')).toBeNull();
    expect(at('@Ana went home')).toBeNull();
    expect(at('@Ana, ')).toBeNull();
  });

  it('reads only what is before the caret', () => {
    expect(findMentionQuery('@Bru and more', 4)).toEqual({ start: 0, end: 4, query: 'Bru' });
    expect(findMentionQuery('@Bru and more', 10)).toBeNull();
    expect(findMentionQuery('@Bru', 0)).toBeNull();
  });
});

describe('matching members', () => {
  it('matches the start of the name or of any of its words, ignoring case and accents', () => {
    expect(matchMembers(members, 'eli')).toEqual([elise]);
    expect(matchMembers(members, 'mart')).toEqual([elise]);
    expect(matchMembers(members, 'zz')).toEqual([]);
  });

  it('puts whole-name matches first, then sorts by name', () => {
    expect(matchMembers(members, 'an')).toEqual([ana, bruno]);
    expect(matchMembers(members, '')).toEqual([ana, bruno, elise]);
  });

  it('offers at most the limit', () => {
    expect(matchMembers(members, '', 2)).toHaveLength(2);
  });
});

describe('inserting the chosen member', () => {
  it('replaces the typed @query with a mention link the server recognises, caret after it', () => {
    const text = 'I agree with @An about this';
    const result = insertMention(text, findMentionQuery(text, 16)!, ana);
    expect(result.text).toBe(`I agree with [@Ana Ruiz](mention:${ana.userId}) about this`);
    expect(result.text.slice(0, result.caret)).toBe(`I agree with [@Ana Ruiz](mention:${ana.userId})`);
    expect(mentionedUserIds(result.text)).toEqual([ana.userId]);
  });

  it('adds a space after a mention at the end of the text', () => {
    const result = insertMention('cc @el', at('cc @el')!, elise);
    expect(result.text).toBe(`cc [@Élise Martin](mention:${elise.userId}) `);
    expect(result.caret).toBe(result.text.length);
  });

  it('escapes brackets and emphasis marks in a name, so the link stays whole', () => {
    const odd = { userId: ana.userId, name: 'A]na *R_' };
    const result = insertMention('@A', at('@A')!, odd);
    expect(result.text).toBe(`[@A\\]na \\*R\\_](mention:${ana.userId}) `);
    expect(mentionedUserIds(result.text)).toEqual([ana.userId]);
  });
});
