import { describe, expect, it } from 'vitest';
import type { Node as PMNode } from 'prosemirror-model';
import { importFrusPlainText } from '../../../server/import/frus-plain-text.ts';
import { importedMemo, memoDoc, memoSource } from '../../fixtures/memo.ts';

/** The inline children of a textblock as readable tokens: text, ‹pb 288›, ‹fn 2›. */
function tokens(block: PMNode): string[] {
  const out: string[] = [];
  block.forEach((child) => {
    if (child.isText) out.push(child.text!);
    else if (child.type.name === 'page_break') out.push(`‹pb ${child.attrs.page}›`);
    else out.push(`‹fn ${child.attrs.n}›`);
  });
  return out;
}

function blocksOfType(doc: PMNode, type: string): PMNode[] {
  const found: PMNode[] = [];
  doc.descendants((node) => {
    if (node.type.name === type) found.push(node);
  });
  return found;
}

/** The block whose text contains `needle`, with its tokens. */
function tokensAround(doc: PMNode, needle: string): string[] {
  const block = blocksOfType(doc, 'paragraph').find((node) => node.textContent.includes(needle));
  if (!block) throw new Error(`no paragraph contains ${needle}`);
  return tokens(block);
}

describe('importing the memo', () => {
  const memo = importedMemo();
  const doc = memoDoc();

  it('reads the title without the footnote number, with reference 1 after "(Carlucci)"', () => {
    const [title] = blocksOfType(doc, 'title');
    expect(tokens(title!)).toEqual([
      '97. Memorandum From the President’s Special Assistant for National Security Affairs (Rodman) to the President’s Assistant for National Security Affairs (Carlucci)',
      '‹fn 1›',
    ]);
    expect(memo.title.endsWith('(Carlucci)')).toBe(true);
  });

  it('takes the subject as the subject, without its bullet', () => {
    const [subject] = blocksOfType(doc, 'subject');
    expect(subject!.textContent).toBe('A Moscow Conference on Human Rights?');
    expect(memo.text).not.toContain('•');
    expect(memo.text).not.toContain('SUBJECT');
  });

  it('shows the dateline and citation it was given as metadata', () => {
    expect(blocksOfType(doc, 'dateline')[0]!.textContent).toBe('Washington, September 25, 1987');
    expect(memo.citation?.volume).toBe('Volume XLI, Global Issues II');
    expect(memo.citation?.document).toBe('97');
  });

  it('keeps every body paragraph, in order, with the text as delivered', () => {
    const sourceParagraphs = memoSource
      .split('\n')
      .slice(5) // title, blank, SUBJECT, blank, bullet
      .filter((line) => line.trim() !== '' && !/^\s+\d+\. /.test(line) && !/^\[Page \d+\]$/.test(line));
    const paragraphs = blocksOfType(doc, 'paragraph').map((node) => node.textContent);
    expect(paragraphs).toHaveLength(sourceParagraphs.length);
    expect(paragraphs).toHaveLength(20);
    paragraphs.forEach((text, index) => {
      // The delivered line, less the page markers and the glued footnote numbers the importer took out.
      const delivered = sourceParagraphs[index]!
        .replace(' [Page 288] ', '')
        .replace(' [Page 290] ', ' ')
        .replace('19862', '1986')
        .replace('RFE/RL,3', 'RFE/RL,')
        .replace('pay.4', 'pay.');
      expect(text).toBe(delivered);
    });
  });

  it('keeps the em-dash passages as paragraphs that open with the dash', () => {
    const dashed = blocksOfType(doc, 'paragraph').filter((node) => node.textContent.startsWith('—'));
    expect(dashed.map((node) => node.textContent.slice(0, 12))).toEqual([
      '—First, the ',
      '—Longer-term',
      '—Emigration ',
      '—Radio jammi',
      '—It’s no big',
      '—Emigration ',
      '—Radio jammi',
    ]);
    expect(blocksOfType(doc, 'list')).toHaveLength(0);
  });

  it('puts page 288 inside "leader|ship", so the text reads "new leadership"', () => {
    const tokensOfParagraph = tokensAround(doc, 'Since 1973');
    expect(tokensOfParagraph[1]).toBe('‹pb 288›');
    expect(tokensOfParagraph[0]!.endsWith('Under the new leader')).toBe(true);
    expect(tokensOfParagraph[2]!.startsWith('ship, the Soviets')).toBe(true);
    expect(memo.text).toContain('Under the new leadership, the Soviets');
  });

  it('starts page 289 with the paragraph "—Radio jamming, even of RFE/RL"', () => {
    expect(tokensAround(doc, 'even of RFE/RL').slice(0, 2)).toEqual(['‹pb 289›', '—Radio jamming, even of RFE/RL,']);
  });

  it('puts page 290 mid-sentence with one space, the page beginning at "are"', () => {
    const around = tokensAround(doc, 'Indeed we');
    const at = around.indexOf('‹pb 290›');
    expect(around[at - 1]!.endsWith('Indeed we ')).toBe(true);
    expect(around[at + 1]!.startsWith('are beginning')).toBe(true);
    expect(memo.text).toContain('Indeed we are beginning to lose control');
    expect(memo.text).not.toMatch(/ {2}/);
  });

  it('places footnote references 2, 3 and 4 after "November 1986", "RFE/RL," and "willing to pay."', () => {
    const refs = blocksOfType(doc, 'paragraph').flatMap((block) => {
      const parts = tokens(block);
      return parts.flatMap((part, index) => (part.startsWith('‹fn') ? [`${parts[index - 1]!.slice(-15)}${part}`] : []));
    });
    expect(refs).toEqual(['f November 1986‹fn 2›', 'even of RFE/RL,‹fn 3›', 'willing to pay.‹fn 4›']);
    expect(memo.text).toContain('November 1986 to host');
    expect(memo.text).not.toContain('19862');
    expect(memo.text).not.toContain('RFE/RL,3');
  });

  it('keeps the four footnotes with their full text, footnote 1 being the source note', () => {
    expect(memo.footnotes.map((note) => [note.n, note.kind])).toEqual([
      ['1', 'source'],
      ['2', 'note'],
      ['3', 'note'],
      ['4', 'note'],
    ]);
    expect(memo.footnotes[0]!.text).toBe(
      'Source: Reagan Library, Lisa R. Jameson Files, USSR: Human Rights/General 05/22/1985–10/31/1987. Confidential. Sent for information. Ermarth, Bemis, and Rostow concurred. A stamped notation on the document reads: “Natl Sec Advisor has seen.”',
    );
    expect(memo.footnotes[1]!.text).toBe('See footnote 5, Document 87.');
    expect(memo.footnotes[2]!.text).toBe('Radio Free Europe/Radio Liberty.');
    expect(memo.footnotes[3]!.text).toMatch(/^In telegram 307674 to CSCE Vienna, October 2, .* form of a démarche\. \(Reagan Library, .*10\/31\/1987\)$/);
    // Footnote texts follow the body in the canonical text.
    expect(memo.text.endsWith(memo.footnotes.map((note) => note.text).join('\n'))).toBe(true);
    expect(memo.warnings).toEqual([]);
  });

  it('keeps curly quotes and apostrophes as delivered', () => {
    expect(memo.text).toContain('alleging “political prisoners” and');
    expect(memo.text).toContain('we really didn’t like the idea');
    expect(memo.text).not.toMatch(/['"]/);
  });

  it('lists the pages in order', () => {
    expect(memo.pages).toEqual([288, 289, 290]);
  });
});

describe('importing other FRUS plain text', () => {
  const shape = (body: string, notes: string) => `12. Telegram From the Embassy1\n\n${body}\n\n${notes}\n`;

  it('does not read a year as a footnote glued to a shorter number', () => {
    const doc = importFrusPlainText(shape('It was held in Berlin in 1937. Later on a reply7 came.', '  1. Source: x.\n  2. y.\n  3. z.\n  4. a.\n  5. b.\n  6. c.\n  7. d.'));
    expect(doc.text).toContain('in 1937. Later');
    expect(doc.warnings).toContain('footnote 2 has no reference in the text');
  });

  it('leaves a page marker between two words as one space', () => {
    const doc = importFrusPlainText(shape('The talks [Page 14] resumed in Geneva.', '  1. Source: x.'));
    expect(doc.text).toContain('The talks resumed in Geneva.');
    expect(doc.pages).toEqual([14]);
  });

  it('joins a word split by a page marker when the joined form is a word', () => {
    const doc = importFrusPlainText(shape('A strong commit [Page 3] ment to the process.', '  1. Source: x.'));
    expect(doc.text).toContain('A strong commitment to the process.');
  });

  it('reports a footnote that has no reference, and keeps its text', () => {
    const doc = importFrusPlainText(shape('No reference here.', '  1. Source: x.\n  2. An orphaned note.'));
    expect(doc.footnotes.map((note) => note.text)).toEqual(['Source: x.', 'An orphaned note.']);
    expect(doc.warnings).toEqual(['footnote 2 has no reference in the text']);
  });

  it('refuses an empty file with a message', () => {
    expect(() => importFrusPlainText('\n\n')).toThrow(/empty/);
  });
});
