/**
 * /groups/:groupId/documents/:documentId/history: the document's timeline in the group, newest
 * first, filtered by member, tag, kind of change and dates, a page at a time by cursor ("Show
 * older"), each event linked to its annotation's permalink with the printed page of its passage.
 */
import { eventActions, type EventAction } from '../../shared/annotation-vocabulary.ts';
import { requireSignIn } from '../account/require-sign-in.ts';
import { loadPages, type PageOf } from '../activity/page-of.ts';
import { el, statusMessage } from '../dom.ts';
import { timeLabel } from '../margin/margin-context.ts';
import type { Cleanup } from '../router.ts';
import { getGroup } from '../services/groups-api.ts';
import { getEvents, type TimelineEvent, type TimelineFilters } from '../services/history-api.ts';

const pageSize = 50;

export function renderTimelinePage(container: HTMLElement, groupId: string, documentId: string): Cleanup {
  return requireSignIn(container, () => {
    let isCurrent = true;
    container.replaceChildren(statusMessage('loading', 'Loading the history…'));
    void Promise.all([getGroup(groupId), loadPages(documentId)]).then(([groupResult, pages]) => {
      if (!isCurrent) return;
      if (groupResult.type === 'error' || !pages) {
        container.replaceChildren(statusMessage('error', groupResult.type === 'error' ? `Could not load the seminar: ${groupResult.message}` : 'Could not load the document.'));
        return;
      }
      const readerPath = `/groups/${encodeURIComponent(groupId)}/documents/${encodeURIComponent(documentId)}`;
      const member = el('select', { id: 'timeline-member' }, el('option', { value: '' }, 'Everyone'), ...groupResult.value.members.map((m) => el('option', { value: m.userId }, m.name)));
      const action = el('select', { id: 'timeline-action' }, el('option', { value: '' }, 'Every change'), ...eventActions.map((value) => el('option', { value }, value)));
      const tag = el('input', { id: 'timeline-tag', type: 'text', placeholder: 'any' });
      const from = el('input', { id: 'timeline-from', type: 'date' });
      const to = el('input', { id: 'timeline-to', type: 'date' });
      const field = (label: string, control: HTMLElement) => el('div', { class: 'field' }, el('label', { for: control.id }, label), control);
      const form = el('form', { class: 'timeline-filters' }, field('Member', member), field('Tag', tag), field('Change', action), field('From', from), field('To', to), el('button', { type: 'submit', class: 'button-small' }, 'Filter'));
      const list = el('ol', { class: 'timeline' });
      const more = el('button', { type: 'button', class: 'button-small', hidden: '' }, 'Show older');
      const status = el('p', { class: 'quiet', role: 'status' });
      container.replaceChildren(
        el(
          'section',
          { class: 'timeline-page' },
          el('p', {}, el('a', { href: readerPath, 'data-link': '' }, `Back to ${pages.record.title}`)),
          el('h1', {}, `History of ${pages.record.title}`),
          el('p', { class: 'quiet' }, groupResult.value.name),
          form,
          status,
          list,
          more,
        ),
      );

      let cursor: string | null = null;
      let request = 0;
      const filters = (): TimelineFilters => ({
        member: member.value,
        tag: tag.value.trim(),
        action: (action.value || undefined) as EventAction | undefined,
        // Whole days, in the reader's time zone.
        from: from.value ? new Date(`${from.value}T00:00:00`).toISOString() : undefined,
        to: to.value ? new Date(`${to.value}T23:59:59.999`).toISOString() : undefined,
      });

      async function load(isFirst: boolean): Promise<void> {
        const token = ++request;
        if (isFirst) {
          cursor = null;
          list.replaceChildren();
        }
        status.textContent = 'Loading…';
        const result = await getEvents(groupId, documentId, cursor, pageSize, filters());
        if (!isCurrent || token !== request) return;
        if (result.type === 'error') {
          status.textContent = `Could not load the history: ${result.message}`;
          return;
        }
        cursor = result.value.nextCursor;
        list.append(...result.value.events.map((event) => renderEvent(event, readerPath, pages?.pageOf ?? (() => null))));
        more.hidden = cursor === null;
        status.textContent = list.children.length === 0 ? 'No change matches these filters.' : '';
      }
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        void load(true);
      });
      more.addEventListener('click', () => void load(false));
      void load(true);
    });
    return () => {
      isCurrent = false;
    };
  });
}

function renderEvent(event: TimelineEvent, readerPath: string, pageOf: PageOf): HTMLElement {
  const page = pageOf(event.offset);
  const what = event.replyId ? `${event.action} a reply` : event.action;
  return el(
    'li',
    { class: 'timeline-event', 'data-action': event.action },
    el('time', { datetime: event.at }, timeLabel(event.at)),
    ' · ',
    el('strong', {}, event.actor.name),
    ` ${what} · ${page === null ? '' : `p. ${page} · `}`,
    el('a', { href: `${readerPath}#annotation-${event.annotationId}` }, `‘${event.quote.length > 60 ? `${event.quote.slice(0, 59)}…` : event.quote}’`),
  );
}
