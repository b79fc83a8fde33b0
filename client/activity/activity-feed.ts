/**
 * The group page's live activity: each change to the seminar's layers as it happens ("Ana annotated
 * p. 289: 'Emigration he can do…'"), linked to the annotation's permalink. Items come from the
 * socket's 'activity' event; the page number comes from the document's text (client/activity/page-of.ts).
 */
import { el, statusMessage } from '../dom.ts';
import { timeLabel } from '../margin/margin-context.ts';
import { onActivity } from '../services/socket.ts';
import { describeActivity } from './describe-activity.ts';
import { loadPages } from './page-of.ts';

const maxItems = 50;

export function createActivityFeed(groupId: string): { element: HTMLElement; destroy(): void } {
  const list = el('ol', { class: 'activity-list', 'aria-live': 'polite' });
  const empty = statusMessage('empty', 'Nothing has happened since you opened this page.');
  const element = el('section', { class: 'group-section activity-feed', 'aria-label': 'Activity' }, el('h2', {}, 'Activity'), empty, list);

  const stop = onActivity((item) => {
    if (item.groupId !== groupId) return;
    void loadPages(item.documentId).then((pages) => {
      const page = pages ? pages.pageOf(item.offset) : null;
      const href = `/groups/${encodeURIComponent(groupId)}/documents/${encodeURIComponent(item.documentId)}#annotation-${item.annotationId}`;
      const entry = el(
        'li',
        { class: 'activity-item' },
        el('a', { href }, describeActivity(item, page)),
        ' ',
        el('time', { class: 'quiet', datetime: item.at }, timeLabel(item.at)),
      );
      empty.remove();
      list.prepend(entry);
      while (list.children.length > maxItems) list.lastElementChild?.remove();
    });
  });
  return { element, destroy: stop };
}
