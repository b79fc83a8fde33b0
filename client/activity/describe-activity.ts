/** One line of the activity feed, in words: "Ana annotated p. 289: ‘Emigration he can do…’". */
import type { ActivityItem } from '../../shared/notifications.ts';
import { excerptOf } from '../../shared/notifications.ts';

const verbs: Record<ActivityItem['action'], string> = {
  created: 'annotated',
  edited: 'edited an annotation on',
  tagged: 'tagged an annotation on',
  resolved: 'resolved an annotation on',
  reopened: 'reopened an annotation on',
  hidden: 'hid an annotation on',
  unhidden: 'unhid an annotation on',
  deleted: 'deleted an annotation on',
  reanchored: 're-attached an annotation on',
};

export function describeActivity(item: ActivityItem, page: number | null): string {
  const verb = item.isReply ? (item.action === 'created' ? 'replied on' : `${item.action === 'edited' ? 'edited' : item.action} a reply on`) : verbs[item.action];
  const where = page === null ? 'a passage' : `p. ${page}`;
  return `${item.actor.name} ${verb} ${where}: ‘${excerptOf(item.quote, 40)}’`;
}
