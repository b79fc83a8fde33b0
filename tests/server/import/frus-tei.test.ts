import { describe, expect, it } from 'vitest';
import { Node as PMNode, type Mark } from 'prosemirror-model';
import { buildTextMap } from '../../../shared/canonical-text.ts';
import { documentSchema } from '../../../shared/schema.ts';
import { ImportError } from '../../../server/import/frus-plain-text.ts';
import { importFrusTei } from '../../../server/import/frus-tei.ts';
import { readGlossary } from '../../../server/import/tei-glossary.ts';
import { parseTei } from '../../../server/import/tei-tree.ts';
import { teiFile } from '../../fixtures/frus/tei-files.ts';

const docOf = (body: unknown) => PMNode.fromJSON(documentSchema, body);

function markLabel(mark: Mark): string {
  if (mark.type.name === 'person') return `person:${mark.attrs.corresp}`;
  if (mark.type.name === 'term') return `term:${mark.attrs.target}`;
  if (mark.type.name === 'link') return `link:${mark.attrs.href}`;
  return mark.type.name;
}

/** The inline children of a textblock as readable tokens: text, [text|marks], ‹pb 288›, ‹fn 2›. */
function tokens(block: PMNode): string[] {
  const out: string[] = [];
  block.forEach((child) => {
    if (child.isText) out.push(child.marks.length > 0 ? `[${child.text}|${child.marks.map(markLabel).join(',')}]` : child.text!);
    else if (child.type.name === 'page_break') out.push(`‹pb ${child.attrs.page}›`);
    else out.push(`‹fn ${child.attrs.n}›`);
  });
  return out;
}

/** The document's blocks as "type: first five words", nested blocks indented, for a view of its structure. */
function outline(doc: PMNode): string[] {
  const lines: string[] = [];
  const walk = (node: PMNode, depth: number) => {
    node.forEach((child) => {
      const text = child.isTextblock ? `: ${child.textContent.split(' ').slice(0, 5).join(' ')}` : '';
      lines.push(`${'  '.repeat(depth)}${child.type.name}${text}`);
      if (!child.isTextblock) walk(child, depth + 1);
    });
  };
  walk(doc, 0);
  return lines;
}

const find = (doc: PMNode, type: string, needle = '') => {
  let found: PMNode | undefined;
  doc.descendants((node) => {
    if (!found && node.type.name === type && node.textContent.includes(needle)) found = node;
    return !found;
  });
  if (!found) throw new Error(`no ${type} contains "${needle}"`);
  return found;
};

describe('importFrusTei: the memo (v41 d97)', () => {
  const memo = importFrusTei(teiFile('frus1981-88v41-d97'), {}, { volumeId: 'frus1981-88v41' });
  const doc = docOf(memo.body);

  it('reads title, dateline, subject and the citation from the TEI', () => {
    expect(memo.slug).toBe('frus1981-88v41-d97');
    expect(memo.title).toBe(
      '97. Memorandum From the President’s Special Assistant for National Security Affairs (Rodman) to the President’s Assistant for National Security Affairs (Carlucci)',
    );
    expect(memo.dateline).toBe('Washington, September 25, 1987');
    expect(memo.citation).toEqual({
      series: 'Foreign Relations of the United States, 1981–1988',
      volume: 'Volume XLI',
      document: '97',
      firstPage: 287,
      url: 'https://history.state.gov/historicaldocuments/frus1981-88v41/d97',
    });
    expect(memo.pages).toEqual([288, 289, 290]);
    expect(memo.warnings).toEqual([]);
    expect(tokens(doc.child(0)).slice(-3)).toEqual(['[Carlucci|person:p_CAJ_1]', ')', '‹fn 1›']);
    expect(find(doc, 'subject').attrs.label).toBe('SUBJECT');
  });

  it('keeps page breaks where they fall, inside a word or between paragraphs', () => {
    const first = tokens(find(doc, 'paragraph', 'Since 1973'));
    expect(first.indexOf('‹pb 288›')).toBeGreaterThan(0);
    expect(first[first.indexOf('‹pb 288›') - 1]).toMatch(/Under the new leader$/);
    expect(first[first.indexOf('‹pb 288›') + 1]).toMatch(/^ship, the Soviets/);
    expect(tokens(find(doc, 'paragraph', 'Radio jamming, even of'))[0]).toBe('‹pb 289›');
    const last = tokens(find(doc, 'paragraph', 'I am alerting you'));
    expect(last[last.indexOf('‹pb 290›') - 1]).toMatch(/Indeed we $/);
    expect(last[last.indexOf('‹pb 290›') + 1]).toMatch(/^are beginning/);
  });

  it('turns notes into references in place and footnotes after the body, the first the source note', () => {
    expect(memo.footnotes.map((footnote) => [footnote.n, footnote.kind])).toEqual([
      ['1', 'source'],
      ['2', 'note'],
      ['3', 'note'],
      ['4', 'note'],
    ]);
    expect(memo.footnotes[2]!.text).toBe('Radio Free Europe/Radio Liberty.');
    expect(tokens(find(doc, 'paragraph', 'A centerpiece'))).toContain('‹fn 2›');
    expect(tokens(find(doc, 'footnote', 'See footnote 5'))).toEqual(['See ', '[footnote 5, Document 87|link:https://history.state.gov/historicaldocuments/frus1981-88v41/d87]', '.']);
    expect(memo.text.endsWith('Rights/General 05/22/1985–10/31/1987)')).toBe(true);
  });

  it('marks persons, terms and italics', () => {
    expect(tokens(find(doc, 'paragraph', 'A centerpiece'))).toContain('[CSCE|term:t_CSCE_1]');
    expect(tokens(find(doc, 'paragraph', 'Most likely'))).toEqual(expect.arrayContaining(['[some|em]', '[substantially|em]']));
    expect(tokens(find(doc, 'paragraph', 'is already letting')).slice(0, 2)).toEqual(['—', '[Gorbachev|person:p_GMS_1]']);
  });
});

describe('importFrusTei: the telegram (v05 d4)', () => {
  const telegram = importFrusTei(teiFile('frus1981-88v05-d4'), {}, { volumeId: 'frus1981-88v05' });
  const doc = docOf(telegram.body);

  it('has the telegram’s structure: dateline with its time, numbered paragraphs, a closer signed', () => {
    expect(outline(doc)).toEqual([
      'title: 4. Telegram From the Delegation',
      'dateline: Geneva, March 12, 1985, 2019Z',
      'paragraph: 2170. Military Addressee Handle as',
      'paragraph: 1. This is NST–I–005. Secret—Entire',
      'paragraph: 2. Begin summary. Ambassadors Kampelman,',
      'paragraph: [Omitted here is the remainder',
      'closer',
      '  signed: Kampelman',
      'footnotes',
      '  footnote: Source: Department of State, Central',
      '  footnote: Shultz and Gromyko met in',
    ]);
    expect(tokens(find(doc, 'dateline'))).toEqual(['Geneva, March 12, 1985, 2019', '[Z|term:t_Z_1]']);
    expect(tokens(find(doc, 'signed'))).toEqual(['[Kampelman|strong,person:p_KMM_1]']);
    expect(telegram.citation).toMatchObject({ volume: 'Volume V', document: '4', firstPage: 7 });
    expect(telegram.pages).toEqual([8]);
    expect(telegram.warnings).toEqual([]);
  });

  it('places the page break between words with one space before it, and links to other volumes', () => {
    const summary = tokens(find(doc, 'paragraph', 'Begin summary'));
    expect(summary[summary.indexOf('‹pb 8›') - 1]).toMatch(/meet later today to $/);
    expect(summary[summary.indexOf('‹pb 8›') + 1]).toMatch(/^discuss the question/);
    expect(summary).toEqual(expect.arrayContaining(['[Shultz|person:p_SGP_1]', '–', '[Gromyko|person:p_GA_1]', ' statement.', '‹fn 2›']));
    const note = tokens(find(doc, 'footnote', 'Shultz and Gromyko'));
    expect(note).toContain('[Foreign Relations|em,link:https://history.state.gov/historicaldocuments/frus1981-88v04/d355]');
    expect(note).toContain('[363|link:https://history.state.gov/historicaldocuments/frus1981-88v04/d363]');
  });
});

describe('importFrusTei: the memo with nine footnotes (v05 d7)', () => {
  const memo = importFrusTei(teiFile('frus1981-88v05-d7'), {}, { volumeId: 'frus1981-88v05' });
  const doc = docOf(memo.body);

  it('has its section headings, quotes of dashed paragraphs, and nine footnotes in order', () => {
    expect(outline(doc).filter((line) => !line.startsWith('  footnote:'))).toEqual([
      'title: 7. Information Memorandum From the',
      'dateline: Washington, March 19, 1985',
      'subject: Gorbachev’s Debut: Tough Talk from',
      'paragraph: Gorbachev’s initial moves have shown',
      'paragraph: It is important, in my',
      'section_heading: The Pakistan Angle',
      'paragraph: If the U.S., Islamabad, and',
      'blockquote',
      '  paragraph: —A Soviet effort to take',
      '  paragraph: —It would destroy in a',
      '  paragraph: —It presumably would undercut severely',
      'paragraph: A Soviet threat to link',
      'paragraph: All this said, however, we',
      'blockquote',
      '  paragraph: —Some reassurance is clearly in',
      '  paragraph: —The Soviets will need some',
      '  paragraph: —Gorbachev’s threatening language may be',
      'section_heading: The Chinese Angle',
      'paragraph: Since the Arkhipov visit, the',
      'paragraph: Nonetheless, I have suggested to',
      'section_heading: Conclusion',
      'paragraph: None of this is to',
      'paragraph: It may well be that',
      'paragraph: Meanwhile, in the period immediately',
      'footnotes',
    ]);
    expect(memo.footnotes.map((footnote) => footnote.n)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(memo.footnotes[0]!.kind).toBe('source');
    expect(memo.warnings).toEqual([]);
    const refs: string[] = [];
    doc.descendants((node) => {
      if (node.type.name === 'footnote_ref') refs.push(String(node.attrs.n));
    });
    expect(refs).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('keeps "Central America" one phrase across its page break and points a note to its sibling', () => {
    expect(memo.pages).toEqual([20, 21]);
    expect(tokens(find(doc, 'section_heading', 'Pakistan'))[0]).toBe('‹pb 20›');
    const chinese = tokens(find(doc, 'paragraph', 'Since the Arkhipov'));
    expect(chinese.slice(chinese.indexOf('‹pb 21›') - 1, chinese.indexOf('‹pb 21›') + 3)).toEqual([' to Central ', '‹pb 21›', 'America.', '‹fn 9›']);
    expect(tokens(find(doc, 'footnote', 'See footnote 3'))[1]).toBe('[footnote 3|link:#fn-3]');
    expect(memo.text).toContain('to Central America. I believe');
  });

  it('gives person and term marks their entries when the volume’s lists are at hand', () => {
    const sample = parseTei(teiFile('frus1981-88v05-persons-terms-sample'));
    const glossary = readGlossary([sample]);
    expect(glossary.persons.get('p_AE_1')).toMatch(/^Abrams, Elliott, Assistant Secretary of State for Human Rights/);
    const withNames = importFrusTei(teiFile('frus1981-88v05-d7'), {}, { volumeId: 'frus1981-88v05', glossary });
    let anzus: Mark | undefined;
    docOf(withNames.body).descendants((node) => {
      anzus ??= node.isText && node.text === 'ANZUS' ? node.marks[0] : undefined;
    });
    expect(anzus?.attrs).toEqual({ target: 't_ANZUS_1', definition: 'ANZUS, Australia-New Zealand-United States (security treaty)' });
    expect(withNames.text).toBe(memo.text);
  });
});

describe('importFrusTei refuses what is not one FRUS document', () => {
  it.each([
    ['<div type="document" xml:id="d1"><p>Text</p>', /not well-formed XML/],
    ['<TEI><text><body><p>Nothing</p></body></text></TEI>', /holds no FRUS document/],
    ['<div type="document" xml:id="d5"><p>No head.</p></div>', /d5: the document does not begin with its title \(<head>\), but with <p>/],
    ['<div type="document" xml:id="d6"><head>6. A<note>unnumbered</note></head></div>', /d6: a note on line 1 has no number/],
    ['<body><div type="document" xml:id="d1"><head>1</head></div><div type="document" xml:id="d2"><head>2</head></div></body>', /2 documents: import it as a volume/],
  ])('%s', (xml, message) => {
    expect(() => importFrusTei(xml)).toThrow(ImportError);
    expect(() => importFrusTei(xml)).toThrow(message);
  });
});

describe('the memo in TEI against the memo in plain text', () => {
  it('has the same canonical text but for the em-dash the plain text lost, and the same marks in the same places', async () => {
    const { importedMemo, memoMetadata } = await import('../../fixtures/memo.ts');
    const plain = importedMemo();
    const tei = importFrusTei(teiFile('frus1981-88v41-d97'), { slug: memoMetadata.slug });
    const dashAt = plain.text.indexOf('Gorbachev is already letting');
    // The only difference: the TEI opens this paragraph with the em-dash the plain text dropped.
    expect(tei.text).toBe(`${plain.text.slice(0, dashAt)}—${plain.text.slice(dashAt)}`);
    // The dateline comes from the file instead of the .meta.json, and reads the same.
    expect(tei.dateline).toBe(plain.dateline);
    expect(tei.title).toBe(plain.title);
    expect(tei.footnotes).toEqual(plain.footnotes);
    expect(tei.pages).toEqual(plain.pages);
    expect(tei.citation).toEqual({ ...plain.citation, volume: 'Volume XLI' }); // the TEI division does not name its volume "Global Issues II"
    // Page breaks and footnote references at the same offsets (shifted by the dash after it).
    const shift = (offset: number) => (offset > dashAt ? offset + 1 : offset);
    const atoms = (body: unknown) => {
      const doc = docOf(body);
      const map = buildTextMap(doc);
      const found: string[] = [];
      doc.descendants((node, pos) => {
        if (node.type.name === 'page_break' || node.type.name === 'footnote_ref') found.push(`${node.type.name} ${node.attrs.page ?? node.attrs.n} @${map.offsetAt(pos)}`);
      });
      return found;
    };
    expect(atoms(tei.body)).toEqual(atoms(plain.body).map((atom) => atom.replace(/@(\d+)$/, (_, offset: string) => `@${shift(Number(offset))}`)));
  });
});
