/** "Who is online now": the names of the members with a connection open, live from the socket. */
import type { GroupRecord } from '../../shared/accounts.ts';
import { el } from '../dom.ts';

export interface OnlineList {
  element: HTMLElement;
  render(group: GroupRecord, online: ReadonlySet<string>): void;
}

export function createOnlineList(): OnlineList {
  const body = el('div', {});
  const element = el(
    'section',
    { class: 'group-section online-now', 'aria-labelledby': 'online-heading' },
    el('h2', { id: 'online-heading' }, 'Who is online now'),
    body,
  );
  return {
    element,
    render(group, online) {
      const names = group.members.filter((member) => online.has(member.userId)).map((member) => member.name);
      body.replaceChildren(
        names.length === 0
          ? el('p', { class: 'quiet' }, 'Nobody else is here right now.')
          : el('ul', { class: 'online-list' }, ...names.map((name) => el('li', {}, name))),
      );
    },
  };
}
