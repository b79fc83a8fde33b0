/**
 * A FRUS volume's lists of persons and of abbreviations and terms (front matter `div xml:id="persons"`
 * and `"terms"`), which the text points into with `persName/@corresp` and `gloss/@target`. Each id
 * maps to its entry as printed, "Abrahamson, James A., Lieutenant General, USAF; Director, …", which
 * the reader shows when the pointer is hovered.
 */
import { childElements, collapseSpaces, isElement, textOf, type TeiElement } from './tei-tree.ts';

export interface Glossary {
  persons: ReadonlyMap<string, string>;
  terms: ReadonlyMap<string, string>;
}

export const emptyGlossary: Glossary = { persons: new Map(), terms: new Map() };

/** Is this the opening of a persons or terms list? (Used to pick them out of a volume as it streams.) */
export function isGlossaryDivision(name: string, attrs: Readonly<Record<string, string>>): boolean {
  return name === 'div' && (attrs['xml:id'] === 'persons' || attrs['xml:id'] === 'terms');
}

/** Adds the entries of persons/terms divisions (or of anything holding them) to a glossary. */
export function readGlossary(elements: readonly TeiElement[], into: Glossary = { persons: new Map(), terms: new Map() }): Glossary {
  const persons = into.persons as Map<string, string>;
  const terms = into.terms as Map<string, string>;
  const visit = (element: TeiElement) => {
    if (element.name === 'item') {
      const entry = entryOf(element);
      if (entry) (entry.kind === 'person' ? persons : terms).set(entry.id, entry.text);
    }
    for (const child of childElements(element)) visit(child);
  };
  for (const element of elements) visit(element);
  return into;
}

/** An item that defines a person or a term: its id, and its text without any nested list. */
function entryOf(item: TeiElement): { kind: 'person' | 'term'; id: string; text: string } | null {
  const defining = findDefining(item);
  if (!defining) return null;
  const own: TeiElement = { ...item, children: item.children.filter((child) => !isElement(child) || child.name !== 'list') };
  return { kind: defining.name === 'persName' ? 'person' : 'term', id: defining.attrs['xml:id']!, text: collapseSpaces(textOf(own)) };
}

function findDefining(element: TeiElement): TeiElement | undefined {
  for (const child of childElements(element)) {
    if (child.name === 'list') continue;
    if ((child.name === 'persName' || child.name === 'term') && child.attrs['xml:id']) return child;
    const found = findDefining(child);
    if (found) return found;
  }
  return undefined;
}
