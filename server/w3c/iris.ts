/**
 * The IRIs a seminar's layer on a document is named by in W3C terms, all under the origin the request
 * came to, so that an export made through any host name of the server points back at that host. The
 * export and the Protocol server (docs/w3c.md) take them from here, so that they name things alike.
 *
 * - the layer's annotation container (Web Annotation Protocol, an LDP basic container):
 *   /api/groups/:g/documents/:d/annotations/ (the trailing slash sets it apart from our own JSON at
 *   …/annotations), and its pages ?page=n (with &iris=1 for pages of IRIs);
 * - an annotation, and a reply (a W3C annotation too, motivated by replying): the container's IRI and
 *   its id, which the Protocol server answers;
 * - the export file: …/annotations.jsonld, its one page a fragment of it;
 * - a person: /api/users/:id, an identifier that never carries an email address;
 * - a document version: /api/documents/:id/versions/:n, an identifier: only the current version is
 *   stored and served (at /api/documents/:id), and a position is valid for one version only.
 */
export interface Iris {
  annotation(id: string): string;
  reply(id: string): string;
  user(id: string): string;
  documentVersion(documentId: string, version: number): string;
  /** The export, and its one page. */
  collection: string;
  page: string;
  /** The Protocol container, and one page of it. */
  container: string;
  containerPage(page: number, options: { iris: boolean }): string;
  /** The id of the container's member that `iri` names, or null when it names none. */
  memberId(iri: string): string | null;
}

export interface LayerName {
  groupId: string;
  documentId: string;
}

const segment = encodeURIComponent;

/** The container's path under the origin, as the router mounts it. */
export const containerPath = ({ groupId, documentId }: LayerName) => `/api/groups/${segment(groupId)}/documents/${segment(documentId)}/annotations/`;

export function irisUnder(origin: string, layer: LayerName): Iris {
  const base = origin.replace(/\/+$/, '');
  const container = `${base}${containerPath(layer)}`;
  const collection = `${base}/api/groups/${segment(layer.groupId)}/documents/${segment(layer.documentId)}/annotations.jsonld`;
  const member = (id: string) => `${container}${segment(id)}`;
  return {
    annotation: member,
    reply: member,
    user: (id) => `${base}/api/users/${segment(id)}`,
    documentVersion: (documentId, version) => `${base}/api/documents/${segment(documentId)}/versions/${version}`,
    collection,
    // The page is embedded in the export: a fragment of it, not a resource of its own.
    page: `${collection}#page-1`,
    container,
    containerPage: (page, options) => `${container}?${options.iris ? 'iris=1&' : ''}page=${page}`,
    memberId(iri) {
      if (!iri.startsWith(container)) return null;
      const rest = iri.slice(container.length);
      return rest !== '' && !/[/?#]/.test(rest) ? decodeURIComponent(rest) : null;
    },
  };
}
