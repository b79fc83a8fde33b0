/**
 * A small element tree for TEI, read with saxes (a streaming parser).
 *
 * Only the parts a caller selects become trees: a volume of tens of megabytes is scanned once, and
 * only its document divisions (and the few header and front-matter elements the importer reads) are
 * built as objects, one small tree each. Element names lose their namespace prefix (`tei:div` and
 * `div` are the same to the importer); attribute names keep theirs (`xml:id`).
 */
import { SaxesParser } from 'saxes';
import { ImportError } from './frus-plain-text.ts';

export interface TeiElement {
  name: string;
  attrs: Readonly<Record<string, string>>;
  children: TeiChild[];
  /** The line of the source on which the element opens, for messages. */
  line: number;
}
export type TeiChild = TeiElement | string;

/** An element as it opens, with the names of the elements it stands in (outermost first). */
export interface OpeningTag {
  name: string;
  attrs: Readonly<Record<string, string>>;
  ancestors: readonly OpeningTag[];
}

export const isElement = (child: TeiChild): child is TeiElement => typeof child !== 'string';

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Scans `xml`, building a tree for each element `select` picks (elements inside a picked one are
 * part of its tree, not offered again) and handing it to `onElement` when it closes. Malformed XML
 * is an ImportError naming the line and column.
 */
export function scanTei(
  xml: string,
  select: (tag: OpeningTag) => boolean,
  onElement: (element: TeiElement, tag: OpeningTag) => void,
): void {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const open: OpeningTag[] = [];
  // The trees being built: the picked element and, below it, its open descendants.
  const building: TeiElement[] = [];
  let picked: OpeningTag | null = null;
  let failure: Error | null = null;

  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) attrs[name] = value;
    const opening: OpeningTag = { name: localName(tag.name), attrs, ancestors: [...open] };
    open.push(opening);
    if (building.length === 0 && !select(opening)) return;
    const element: TeiElement = { name: opening.name, attrs, children: [], line: parser.line };
    if (building.length === 0) picked = opening;
    else building.at(-1)!.children.push(element);
    building.push(element);
  });
  parser.on('closetag', () => {
    open.pop();
    const element = building.pop();
    if (element && building.length === 0) onElement(element, picked!);
  });
  const addText = (text: string) => {
    const parent = building.at(-1);
    if (!parent) return;
    const last = parent.children.at(-1);
    if (typeof last === 'string') parent.children[parent.children.length - 1] = last + text;
    else parent.children.push(text);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('error', (error) => {
    failure ??= error;
  });

  try {
    parser.write(xml).close();
  } catch (error) {
    failure ??= error instanceof Error ? error : new Error(String(error));
  }
  if (failure) throw new ImportError(`the file is not well-formed XML: ${failure.message.split('\n')[0]}`);
}

/** The whole file as one tree (a single document, or a test's small file). */
export function parseTei(xml: string): TeiElement {
  let root: TeiElement | null = null;
  scanTei(xml, () => true, (element) => {
    root = element;
  });
  if (!root) throw new ImportError('the file holds no XML element');
  return root;
}

export function childElements(element: TeiElement, name?: string): TeiElement[] {
  return element.children.filter((child): child is TeiElement => isElement(child) && (name === undefined || child.name === name));
}

export function firstChild(element: TeiElement, name: string): TeiElement | undefined {
  return childElements(element, name)[0];
}

/** The first descendant named `name`, depth first. */
export function findDescendant(element: TeiElement, name: string): TeiElement | undefined {
  for (const child of childElements(element)) {
    if (child.name === name) return child;
    const found = findDescendant(child, name);
    if (found) return found;
  }
  return undefined;
}

/** All text below `element`, with `skip` elements (notes, say) left out. */
export function textOf(element: TeiElement, skip: ReadonlySet<string> = new Set()): string {
  return element.children.map((child) => (isElement(child) ? (skip.has(child.name) ? '' : textOf(child, skip)) : child)).join('');
}

export const collapseSpaces = (text: string) => text.replace(/\s+/g, ' ').trim();

/** An id reference as TEI writes it ("#p_GMS_1"), without its hash. */
export const idRef = (value: string | undefined) => (value ?? '').trim().replace(/^#/, '');
