/**
 * What the reader does when the seminar changes under it: a role changed by an owner applies at
 * once (the Annotate button comes or goes), and a removal closes the layer, without a reload.
 */
import type { GroupRecord } from '../../shared/accounts.ts';
import { getGroup } from '../services/groups-api.ts';
import { onGroupMembership } from '../services/socket.ts';

export function followMembership(groupId: string, on: { removed(): void; changed(group: GroupRecord): void }): () => void {
  return onGroupMembership((event) => {
    if (event.groupId !== groupId) return;
    if (event.type === 'removed') on.removed();
    else if (event.type === 'updated') {
      void getGroup(groupId).then((result) => {
        if (result.type === 'ok') on.changed(result.value);
      });
    }
  });
}
