/**
 * The group page's activity: each change to the seminar's layers ("Ana annotated p. 289: 'Emigration
 * he can do…'"), linked to the annotation's permalink. The feed starts with the latest changes from
 * the history API, then grows with the socket's 'activity' event as things happen; the page number
 * comes from the document's text (client/activity/page-of.ts).
 */
import type { ActivityItem } from '../../shared/notifications.ts';
import { el, statusMessage } from '../dom.ts';
import { timeLabel } from '../margin/margin-context.ts';
import { getGroupActivity } from '../services/history-api.ts';
import { onActivity } from '../services/socket.ts';
import { describeActivity } from './describe-activity.ts';
import { loadPages } from './page-of.ts';

const maxItems = 50;

export function createActivityFeed(groupId: string): { element: HTMLElement; destroy(): void } {
  const list = el('ol', { class: 'activity-list', 'aria-live': 'polite' });
  const empty = statusMessage('empty', 'Nothing has happened in this seminar yet.');
  const element = el('section', { class: 'group-section activity-feed', 'aria-label': 'Activity' }, el('h2', {}, 'Activity'), empty, list);

  async function entryOf(item: ActivityItem): Promise<HTMLElement> {
    const pages = await loadPages(item.documentId);
    const page = pages ? pages.pageOf(item.offset) : null;
    const href = `/groups/${encodeURIComponent(groupId)}/documents/${encodeURIComponent(item.documentId)}#annotation-${item.annotationId}`;
    return el('li', { class: 'activity-item' }, el('a', { href }, describeActivity(item, page)), ' ', el('time', { class: 'quiet', datetime: item.at }, timeLabel(item.at)));
  }
  const show = (entries: HTMLElement[], where: 'top' | 'bottom') => {
    if (entries.length === 0) return;
    empty.remove();
    if (where === 'top') list.prepend(...entries);
    else list.append(...entries);
    while (list.children.length > maxItems) list.lastElementChild?.remove();
  };

  // Live items are listened for before the past is asked for, so that nothing falls between the two;
  // one that commits while the past is on its way may show twice, which a reader can tell apart.
  const stop = onActivity((item) => {
    if (item.groupId === groupId) void entryOf(item).then((entry) => show([entry], 'top'));
  });
  void getGroupActivity(groupId).then(async (answer) => {
    if (answer.type === 'ok') show(await Promise.all(answer.value.items.map(entryOf)), 'bottom');
    else element.insertBefore(statusMessage('error', `Earlier activity could not be loaded (${answer.message}); new activity still shows here.`), list);
  });
  return { element, destroy: stop };
}
