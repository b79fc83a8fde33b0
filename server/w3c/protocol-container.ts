/**
 * The Web Annotation Protocol's view of a layer (https://www.w3.org/TR/annotation-protocol/): the
 * layer's items as an LDP basic container that is also an `AnnotationCollection`, read in pages of
 * `pageSize` items, each item in full ("contained descriptions", the default) or by its IRI alone.
 *
 * The client chooses with `Prefer: return=representation; include="…"` (RFC 7240, LDP 7.2):
 * - `ldp#PreferMinimalContainer`: the container without items, naming its first and last pages;
 * - `ldp#PreferContainedIRIs`: the first page embedded, of IRIs; the pages of IRIs are `?iris=1&page=n`;
 * - `ldp#PreferContainedDescriptions` (and no preference): the first page embedded, of annotations;
 *   the pages of annotations are `?page=n`.
 * A page exists for n from 0 to the last (page 0 even for an empty layer, so that `first` always
 * names something); items keep the layer's thread order, so a reply comes after what it answers.
 *
 * Pure: the route reads the layer and answers with these bodies.
 */
import { annotationContext, type WebAnnotation } from './model.ts';
import type { Iris } from './iris.ts';

export const ldpContext = 'http://www.w3.org/ns/ldp.jsonld';
export const pageSize = 100;

const ldp = 'http://www.w3.org/ns/ldp#';
export const preferences = {
  minimal: `${ldp}PreferMinimalContainer`,
  iris: `${ldp}PreferContainedIRIs`,
  descriptions: `${ldp}PreferContainedDescriptions`,
} as const;

export type ContainerView = keyof typeof preferences;

export interface ContainerPreference {
  view: ContainerView;
  /** Whether the request asked for a representation: then `Preference-Applied` says it was given. */
  isApplied: boolean;
}

/**
 * What `Prefer` asks of a container. Several preferences may come in one header or in several; a
 * minimal container wins over IRIs, IRIs over descriptions, as the most economical the client
 * accepts. Anything else in the header is ignored, as RFC 7240 asks of preferences not understood.
 */
export function containerPreference(header: string | undefined): ContainerPreference {
  const preference = (header ?? '')
    .split(',')
    .map((part) => part.trim())
    .find((part) => /^return\s*=\s*"?representation"?(\s*;|$)/i.test(part));
  if (!preference) return { view: 'descriptions', isApplied: false };
  const include = /;\s*include\s*=\s*"([^"]*)"/i.exec(preference)?.[1] ?? '';
  const asked = new Set(include.split(/\s+/).filter(Boolean));
  const view: ContainerView = asked.has(preferences.minimal) ? 'minimal' : asked.has(preferences.iris) ? 'iris' : 'descriptions';
  return { view, isApplied: true };
}

export interface ContainerInput {
  iris: Iris;
  label: string;
  items: WebAnnotation[];
}

export const lastPageOf = (total: number) => Math.max(0, Math.ceil(total / pageSize) - 1);

export interface ContainerPage {
  '@context': typeof annotationContext;
  id: string;
  type: 'AnnotationPage';
  partOf?: { id: string; total: number };
  startIndex: number;
  next?: string;
  prev?: string;
  items: (WebAnnotation | string)[];
}

/** Page `page` of the container (null past the last), whole items or their IRIs. */
export function containerPage({ iris, items }: ContainerInput, page: number, options: { iris: boolean }): ContainerPage | null {
  const last = lastPageOf(items.length);
  if (!Number.isInteger(page) || page < 0 || page > last) return null;
  const slice = items.slice(page * pageSize, (page + 1) * pageSize);
  return {
    '@context': annotationContext,
    id: iris.containerPage(page, options),
    type: 'AnnotationPage',
    partOf: { id: iris.container, total: items.length },
    startIndex: page * pageSize,
    ...(page < last ? { next: iris.containerPage(page + 1, options) } : {}),
    ...(page > 0 ? { prev: iris.containerPage(page - 1, options) } : {}),
    items: options.iris ? slice.map((item) => item.id) : slice,
  };
}

export interface Container {
  '@context': [typeof annotationContext, typeof ldpContext];
  id: string;
  type: ['BasicContainer', 'AnnotationCollection'];
  label: string;
  total: number;
  /** Embedded (without its `@context` and `partOf`, which the container gives) or, when minimal, an IRI. */
  first: Omit<ContainerPage, '@context' | 'partOf'> | string;
  last: string;
}

export function container(input: ContainerInput, view: ContainerView): Container {
  const { iris, items, label } = input;
  const asIris = view === 'iris';
  const lastIri = iris.containerPage(lastPageOf(items.length), { iris: asIris });
  let first: Container['first'] = iris.containerPage(0, { iris: asIris });
  if (view !== 'minimal') {
    const { '@context': _context, partOf: _partOf, ...page } = containerPage(input, 0, { iris: asIris })!;
    first = page;
  }
  return {
    '@context': [annotationContext, ldpContext],
    id: iris.container,
    type: ['BasicContainer', 'AnnotationCollection'],
    label,
    total: items.length,
    first,
    last: lastIri,
  };
}
