/** How roles read on the page. */
import type { Role } from '../../shared/accounts.ts';

export const roleLabels: Record<Role, string> = {
  owner: 'Owner',
  moderator: 'Moderator',
  member: 'Member',
  observer: 'Observer',
};

/** What each role may do, for the invite form's hint. */
export const roleDescriptions: Record<Role, string> = {
  owner: 'manages members and invites',
  moderator: 'adds documents and moderates discussion',
  member: 'reads and writes annotations',
  observer: 'reads and follows, writes nothing',
};
