/**
 * What the search tests share: a server whose demo seminar is claimed by someone else (so that its
 * discussion stays out of the results), commands sent as people send them, and searches asked.
 */
import { randomUUID } from 'node:crypto';
import type { SearchAnswer } from '../../../shared/search-results.ts';
import { importedMemo } from '../../fixtures/memo.ts';
import { signUpUser, type ApiResponse, type TestUser } from '../../helpers/http-client.ts';
import { createAnnotationCommand, createReplyCommand } from '../../helpers/room-client.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

export const documentId = 'frus1981-88v41-d97';
const text = importedMemo().text;

export async function startSearchServer(): Promise<TestServer> {
  const server = await startTestServer();
  await signUpUser(server.url, 'Administrator'); // the first account: it owns the demo seminar
  return server;
}

export async function send(user: TestUser, command: Record<string, unknown>): Promise<void> {
  const response = await user.client.post<{ ok: boolean; message?: string }>('/api/commands', { commandId: randomUUID(), ...command });
  if (!response.body.ok) throw new Error(`refused: ${response.body.message}`);
}

/** Writes an annotation on `quote` (a passage of the memo) and answers its id. */
export async function annotate(user: TestUser, options: { groupId: string | null; quote: string; body: string; tags?: string[] }): Promise<string> {
  const command = createAnnotationCommand({ text, documentId, ...options });
  await send(user, command);
  return command.annotationId;
}

export async function reply(user: TestUser, annotationId: string, body: string): Promise<string> {
  const command = createReplyCommand({ annotationId, body });
  await send(user, command);
  return command.replyId;
}

export function search(user: TestUser, params: Record<string, string>): Promise<ApiResponse<SearchAnswer>> {
  return user.client.get<SearchAnswer>(`/api/search?${new URLSearchParams(params).toString()}`);
}

/** The ids of the results, in rank order; fails the test on any status but 200. */
export async function foundIds(user: TestUser, params: Record<string, string>): Promise<string[]> {
  const response = await search(user, params);
  if (response.status !== 200) throw new Error(`search answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.results.map((result) => result.annotationId);
}
