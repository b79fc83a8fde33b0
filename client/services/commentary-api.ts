/** The commentary's named versions (docs/api.md, "The commentary"). */
import type { CommentaryComparison, CommentaryVersionRecord, CommentaryVersionSummary } from '../../shared/commentary.ts';
import { request, segment, type ApiResult } from './api.ts';

export interface CommentaryAt {
  groupId: string;
  documentId: string;
}

const versionsPath = ({ groupId, documentId }: CommentaryAt) => `/api/groups/${segment(groupId)}/documents/${segment(documentId)}/commentary/versions`;

export const listCommentaryVersions = (at: CommentaryAt): Promise<ApiResult<CommentaryVersionSummary[]>> => request('GET', versionsPath(at));

export const saveCommentaryVersion = (at: CommentaryAt, name: string): Promise<ApiResult<CommentaryVersionRecord>> => request('POST', versionsPath(at), { name });

export const compareCommentaryVersion = (at: CommentaryAt, versionId: string): Promise<ApiResult<CommentaryComparison>> =>
  request('GET', `${versionsPath(at)}/${segment(versionId)}/compare`);

export const restoreCommentaryVersion = (at: CommentaryAt, versionId: string): Promise<ApiResult<unknown>> =>
  request('POST', `${versionsPath(at)}/${segment(versionId)}/restore`);
