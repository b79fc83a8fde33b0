/**
 * The IRIs a Web Annotation export names things by, all under the origin the request came to, so that
 * an export made through any host name of the server points back at that host. One module, so that
 * the Protocol server (issue 7) can move them in one place.
 *
 * - an annotation: /api/annotations/:id, which answers today (our JSON: the annotation and its thread,
 *   for those who may read it);
 * - a reply: /api/replies/:id, an identifier (no route answers it yet);
 * - a person: /api/users/:id, an identifier that never carries an email address;
 * - a document version: /api/documents/:id/versions/:n, an identifier: only the current version is
 *   stored and served (at /api/documents/:id), and a position is valid for one version only.
 */
export interface Iris {
  annotation(id: string): string;
  reply(id: string): string;
  user(id: string): string;
  documentVersion(documentId: string, version: number): string;
  /** The export itself, and its one page. */
  collection(groupId: string, documentId: string): string;
  page(groupId: string, documentId: string): string;
}

export function irisUnder(origin: string): Iris {
  const base = origin.replace(/\/+$/, '');
  const segment = encodeURIComponent;
  const collection = (groupId: string, documentId: string) =>
    `${base}/api/groups/${segment(groupId)}/documents/${segment(documentId)}/annotations.jsonld`;
  return {
    annotation: (id) => `${base}/api/annotations/${segment(id)}`,
    reply: (id) => `${base}/api/replies/${segment(id)}`,
    user: (id) => `${base}/api/users/${segment(id)}`,
    documentVersion: (documentId, version) => `${base}/api/documents/${segment(documentId)}/versions/${version}`,
    collection,
    // The page is embedded in the collection: a fragment of it, not a resource of its own.
    page: (groupId, documentId) => `${collection(groupId, documentId)}#page-1`,
  };
}
