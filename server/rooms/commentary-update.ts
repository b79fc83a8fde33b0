/**
 * What a member may send a commentary room: an update of bounded size that decodes and writes only
 * the commentary's fragment. A Yjs update names a root type only for items placed at the start of
 * one (an item with a left or right neighbour inherits its parent from it), and applying an update to
 * an empty scratch doc registers every root it names, resolvable or not: so the scratch doc's roots are
 * exactly the roots the update could write. Subdocuments are refused too: a commentary embeds none.
 */
import * as Y from 'yjs';
import { closeCodes, commentaryFragment, maxCommentaryUpdateBytes } from '../../shared/rooms.ts';

type Close = (typeof closeCodes)[keyof typeof closeCodes];

/** Why the update is refused, or null when it may be stored. */
export function refusalOfCommentaryUpdate(update: Uint8Array): Close | null {
  if (update.byteLength > maxCommentaryUpdateBytes) return closeCodes.messageTooLarge;
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, update);
    const roots = [...scratch.share.keys()];
    if (roots.some((root) => root !== commentaryFragment)) return closeCodes.foreignRootType;
    if (Y.decodeUpdate(update).structs.some((struct) => struct instanceof Y.Item && struct.content instanceof Y.ContentDoc)) return closeCodes.foreignRootType;
    return null;
  } catch {
    return closeCodes.invalidMessage;
  } finally {
    scratch.destroy();
  }
}

/** An update that carries nothing: what a client holding nothing new offers in sync step 2. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size === 0;
}

/** Whether `doc` already holds everything in the update (a reconnecting reader's copy, say). */
export function isHeldBy(doc: Y.Doc, update: Uint8Array): boolean {
  return isEmptyUpdate(update) || Y.snapshotContainsUpdate(Y.snapshot(doc), update);
}
