/** The seminar's tag vocabulary over HTTP (server/routes/tags.ts). */
import type { TagRecord, TagUsage, TagVocabulary } from '../../shared/tag-vocabulary.ts';
import { request, segment, type ApiResult } from './api.ts';

const tags = (groupId: string) => `/api/groups/${segment(groupId)}/tags`;

export const getVocabulary = (groupId: string): Promise<ApiResult<TagVocabulary>> => request<TagVocabulary>('GET', tags(groupId));

export const getTagUsage = (groupId: string): Promise<ApiResult<TagUsage[]>> => request<TagUsage[]>('GET', `${tags(groupId)}/usage`);

export const setVocabularyLocked = (groupId: string, isLocked: boolean): Promise<ApiResult<TagVocabulary>> =>
  request<TagVocabulary>('PATCH', tags(groupId), { isLocked });

export const addTag = (groupId: string, input: { name: string; colour?: string; description?: string }): Promise<ApiResult<TagRecord>> =>
  request<TagRecord>('POST', tags(groupId), input);

/** A new name renames the tag in every annotation of the seminar. */
export const changeTag = (groupId: string, tagId: string, change: { name?: string; colour?: string | null; description?: string }): Promise<ApiResult<TagVocabulary>> =>
  request<TagVocabulary>('PATCH', `${tags(groupId)}/${segment(tagId)}`, change);

export const mergeTag = (groupId: string, tagId: string, intoId: string): Promise<ApiResult<TagVocabulary>> =>
  request<TagVocabulary>('POST', `${tags(groupId)}/${segment(tagId)}/merge`, { into: intoId });

export const deleteTag = (groupId: string, tagId: string): Promise<ApiResult<TagVocabulary>> => request<TagVocabulary>('DELETE', `${tags(groupId)}/${segment(tagId)}`);
