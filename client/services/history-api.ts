/**
 * History, replay and notifications over HTTP (docs/api.md, "History" and "Notifications and
 * activity"). Every call answers an ApiResult, like the rest of the client's I/O.
 */
import type { AnnotationRecord, EventAction, ReplyRecord } from '../../shared/annotations.ts';
import type { Revision, TimelineEvent } from '../../shared/history.ts';
import type { ActivityItem, NotificationRecord } from '../../shared/notifications.ts';
import { request, segment, type ApiResult } from './api.ts';

export type { Revision, TimelineEvent };

export interface Layer {
  annotations: AnnotationRecord[];
  replies: ReplyRecord[];
}

export const getHistory = (annotationId: string) => request<{ revisions: Revision[] }>('GET', `/api/annotations/${segment(annotationId)}/history`);

const documentPath = (groupId: string, documentId: string) => `/api/groups/${segment(groupId)}/documents/${segment(documentId)}`;

/** The timeline's filters; absent ones are not sent. */
export interface TimelineFilters {
  member?: string;
  tag?: string;
  action?: EventAction;
  from?: string;
  to?: string;
}

export function getEvents(
  groupId: string,
  documentId: string,
  cursor: string | null,
  limit = 200,
  filters: TimelineFilters = {},
): Promise<ApiResult<{ events: TimelineEvent[]; nextCursor: string | null }>> {
  const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
  for (const [name, value] of Object.entries(filters)) if (typeof value === 'string' && value !== '') query.set(name, value);
  return request('GET', `${documentPath(groupId, documentId)}/events?${query}`);
}

/** The live layer, or (with `at`) the layer as it stood at that moment. */
export function getLayer(groupId: string, documentId: string, at: Date | null = null): Promise<ApiResult<Layer>> {
  return request('GET', `${documentPath(groupId, documentId)}/annotations${at ? `?at=${encodeURIComponent(at.toISOString())}` : ''}`);
}

/** The group's latest activity across its documents, newest first: the feed's start. */
export const getGroupActivity = (groupId: string, limit = 30) =>
  request<{ items: ActivityItem[] }>('GET', `/api/groups/${segment(groupId)}/activity?limit=${limit}`);

export const getNotifications = (limit = 30) =>
  request<{ notifications: NotificationRecord[]; unread: number; nextCursor: string | null }>('GET', `/api/notifications?limit=${limit}`);
export const markNotificationRead = (id: string) => request<undefined>('POST', `/api/notifications/${segment(id)}/read`);
export const markAllNotificationsRead = () => request<undefined>('POST', '/api/notifications/read-all');
