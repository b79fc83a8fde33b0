/**
 * What the Web Annotation Protocol tests share: a seminar on the memo with one person of each role,
 * requests as a W3C client sends them (JSON-LD with the annotation profile, any headers), and W3C
 * annotations of passages of the memo as another tool would write them.
 */
import { importedMemo } from '../../fixtures/memo.ts';
import { ApiClient, signUpUser, type ApiResponse, type TestUser } from '../../helpers/http-client.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

export const memoId = 'frus1981-88v41-d97';
export const memoText = importedMemo().text;
export const annoProfile = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';
export const ldp = 'http://www.w3.org/ns/ldp#';

export interface ProtocolWorld {
  server: TestServer;
  groupId: string;
  owner: TestUser;
  member: TestUser;
  moderator: TestUser;
  observer: TestUser;
  stranger: TestUser;
  /** The container's path and IRI. */
  containerPath: string;
  containerIri: string;
}

export async function startProtocolWorld(): Promise<ProtocolWorld> {
  const server = await startTestServer();
  await signUpUser(server.url, 'Admin'); // the first account administers the library
  const owner = await signUpUser(server.url, 'Ana Owner');
  const member = await signUpUser(server.url, 'Ben Member');
  const moderator = await signUpUser(server.url, 'Mona Moderator');
  const observer = await signUpUser(server.url, 'Olga Observer');
  const stranger = await signUpUser(server.url, 'Stranger');
  const groupId = await startSeminar({ name: 'Protocol seminar', owner, documentId: memoId, members: [[member, 'member'], [moderator, 'moderator'], [observer, 'observer']] });
  const containerPath = `/api/groups/${groupId}/documents/${memoId}/annotations/`;
  return { server, groupId, owner, member, moderator, observer, stranger, containerPath, containerIri: `${server.url}${containerPath}` };
}

/** A request as a W3C client sends it: JSON-LD bodies with the profile, any headers; `null` signed out. */
export function w3cRequest<T = unknown>(
  world: ProtocolWorld,
  user: TestUser | null,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const client = user?.client ?? new ApiClient(world.server.url);
  const headers = { ...(options.body === undefined ? {} : { 'content-type': annoProfile }), ...options.headers };
  return client.request<T>(method, path.startsWith('http') ? path.slice(world.server.url.length) : path, options.body, headers);
}

/** A W3C annotation of a passage of the memo, found by its quote (and context, when given). */
export function annotationOf(quote: string, options: { words?: string; motivation?: string; tags?: string[]; id?: string; prefix?: string; suffix?: string } = {}) {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    ...(options.id ? { id: options.id } : {}),
    type: 'Annotation',
    motivation: options.motivation ?? 'commenting',
    body: [
      ...(options.words === undefined ? [{ type: 'TextualBody', value: 'Posted through the Protocol', format: 'text/plain', purpose: 'commenting' }] : []),
      ...(options.words ? [{ type: 'TextualBody', value: options.words, format: 'text/plain', purpose: 'commenting' }] : []),
      ...(options.tags ?? []).map((tag) => ({ type: 'TextualBody', value: tag, purpose: 'tagging' })),
    ],
    target: {
      source: `https://history.state.gov/historicaldocuments/${memoId}`,
      selector: { type: 'TextQuoteSelector', exact: quote, ...(options.prefix ? { prefix: options.prefix } : {}), ...(options.suffix ? { suffix: options.suffix } : {}) },
    },
  };
}

/** A W3C reply to the member at `targetIri`. */
export const replyTo = (targetIri: string, words: string, id?: string) => ({
  '@context': 'http://www.w3.org/ns/anno.jsonld',
  ...(id ? { id } : {}),
  type: 'Annotation',
  motivation: 'replying',
  body: { type: 'TextualBody', value: words, purpose: 'replying' },
  target: targetIri,
});
