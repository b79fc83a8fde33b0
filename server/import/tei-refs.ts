/**
 * Where an edition's cross-reference (`<ref target>`) leads. FRUS writes "#d7fn3" (a footnote of a
 * document in the same volume), "#d87" (a document), "frus1981-88v04#d355" (another volume). A note
 * of this document becomes a link to its footnote on the page; every other document becomes its page
 * on history.state.gov, the publisher's (footnote anchors there are not stable, so the link stops at
 * the document). Anything else (a URL, an id we cannot read) stays text without a link.
 */
import type { TeiDocumentContext } from './tei-inline.ts';

const historicalDocuments = 'https://history.state.gov/historicaldocuments';
const TARGET = /^([a-z0-9-]+)?#(d\d+)(?:fn(\d+))?$/;

export function publisherUrl(volumeId: string, documentId: string): string {
  return `${historicalDocuments}/${volumeId}/${documentId}`;
}

export function resolveRef(target: string | undefined, context: Pick<TeiDocumentContext, 'volumeId' | 'documentId'>): string | null {
  const match = TARGET.exec((target ?? '').trim());
  if (!match) return null;
  const [, volume, documentId, footnote] = match;
  if (!volume && documentId === context.documentId) return footnote ? `#fn-${footnote}` : null;
  const volumeId = volume ?? context.volumeId;
  return volumeId ? publisherUrl(volumeId, documentId!) : null;
}
