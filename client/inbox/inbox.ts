/**
 * The notifications inbox in the header: a button with the unread count (updated live by the
 * socket's 'notification' event) that opens a panel listing the latest notifications, each linked
 * to its annotation's permalink, with "Mark read" and "Mark all read".
 */
import type { NotificationRecord } from '../../shared/notifications.ts';
import { el, statusMessage } from '../dom.ts';
import { timeLabel } from '../margin/margin-context.ts';
import { getNotifications, markAllNotificationsRead, markNotificationRead } from '../services/history-api.ts';
import { onSessionChange } from '../services/session.ts';
import { onNotification } from '../services/socket.ts';

const kindLabels: Record<NotificationRecord['kind'], string> = {
  reply: 'replied to you',
  mention: 'mentioned you',
  hidden: 'hid your writing',
};

export interface Inbox {
  /** The header's button and panel; the same element for the whole visit. */
  element: HTMLElement;
}

export function createInbox(): Inbox {
  const count = el('span', {});
  // The name is the visible text ("Inbox 2 unread"), so that speech and sight agree.
  const badge = el('span', { class: 'inbox-badge', hidden: '' }, count, el('span', { class: 'visually-hidden' }, ' unread'));
  const button = el('button', { type: 'button', class: 'link-button inbox-button', 'aria-expanded': 'false', 'aria-haspopup': 'true' }, 'Inbox', badge);
  const list = el('ul', { class: 'inbox-list' });
  const markAll = el('button', { type: 'button', class: 'button-small button-quiet' }, 'Mark all read');
  const panel = el('div', { class: 'inbox-panel', hidden: '', role: 'region', 'aria-label': 'Notifications' }, el('div', { class: 'inbox-head' }, el('strong', {}, 'Notifications'), markAll), list);
  const element = el('span', { class: 'inbox' }, button, panel);
  let notifications: NotificationRecord[] = [];
  let unread = 0;

  function showCount(): void {
    count.textContent = String(unread);
    badge.hidden = unread === 0;
  }

  async function load(): Promise<void> {
    const result = await getNotifications();
    if (result.type === 'error') {
      list.replaceChildren(el('li', {}, statusMessage('error', `Could not load the notifications: ${result.message}`)));
      return;
    }
    notifications = result.value.notifications;
    unread = result.value.unread;
    showCount();
    renderList();
  }

  function renderList(): void {
    if (notifications.length === 0) {
      list.replaceChildren(el('li', {}, statusMessage('empty', 'Nothing yet.')));
      return;
    }
    list.replaceChildren(...notifications.map(renderItem));
  }

  function renderItem(notification: NotificationRecord): HTMLElement {
    const href = `/groups/${encodeURIComponent(notification.groupId)}/documents/${encodeURIComponent(notification.documentId)}#annotation-${notification.annotationId}`;
    const link = el('a', { href }, `${notification.actor.name} ${kindLabels[notification.kind]}: “${notification.excerpt}”`);
    // A full load, so that the reader opens the permalink even when it is already on that document.
    link.addEventListener('click', () => void read(notification));
    const item = el('li', { class: `inbox-item${notification.readAt ? '' : ' is-unread'}` }, link, ' ', el('time', { datetime: notification.createdAt }, timeLabel(notification.createdAt)));
    if (!notification.readAt) {
      const mark = el('button', { type: 'button', class: 'button-small button-quiet' }, 'Mark read');
      mark.addEventListener('click', () => void read(notification));
      item.append(' ', mark);
    }
    return item;
  }

  async function read(notification: NotificationRecord): Promise<void> {
    if (notification.readAt) return;
    const result = await markNotificationRead(notification.id);
    if (result.type !== 'ok') return;
    notification.readAt = new Date().toISOString();
    unread = Math.max(0, unread - 1);
    showCount();
    renderList();
  }

  markAll.addEventListener('click', () => {
    void markAllNotificationsRead().then((result) => {
      if (result.type !== 'ok') return;
      const now = new Date().toISOString();
      for (const notification of notifications) notification.readAt ??= now;
      unread = 0;
      showCount();
      renderList();
    });
  });

  button.addEventListener('click', () => {
    const isOpen = panel.hidden;
    panel.hidden = !isOpen;
    button.setAttribute('aria-expanded', String(isOpen));
    if (isOpen) void load();
  });

  onNotification((event) => {
    notifications = [event.notification, ...notifications.filter((known) => known.id !== event.notification.id)];
    unread = event.unread;
    showCount();
    if (!panel.hidden) renderList();
  });
  onSessionChange((session) => {
    notifications = [];
    unread = 0;
    showCount();
    panel.hidden = true;
    if (session.type === 'signed-in') void load();
  });
  showCount();
  return { element };
}
