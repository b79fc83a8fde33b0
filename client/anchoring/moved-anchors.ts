/**
 * Anchors that follow a re-attached annotation. The layer (client/store/annotations.ts) anchors each
 * annotation once and keeps that anchor by id, which is right for as long as its selectors do not
 * change; re-attaching an orphan (`annotation.reanchor`) is what changes them. Called before the
 * layer is built, this anchors again each annotation whose selectors are no longer those its kept
 * anchor was made from, so its card leaves the orphans and its highlight appears, for its author
 * and for everyone else in the room.
 *
 * A room hands out the same record objects until it replaces one, so a render costs an identity
 * check per record; only a replaced record has its selectors compared.
 */
import type { AnnotationRecord } from '../../shared/annotations.ts';
import { anchor, type Anchor } from '../../shared/anchoring.ts';
import type { Selectors } from '../../shared/selectors.ts';

/** For each kept anchors map: the selectors each of its anchors was made from. */
const madeFrom = new WeakMap<Map<string, Anchor>, Map<string, Selectors>>();

/**
 * `acknowledged` are records the server answered with that the rooms do not show yet: where both
 * hold an annotation, the layer shows the acknowledged one, so its anchor must be that one's.
 */
export function refreshMovedAnchors(anchors: Map<string, Anchor>, text: string, rooms: readonly { annotations: readonly AnnotationRecord[] }[], acknowledged: readonly AnnotationRecord[]): void {
  let selectorsOf = madeFrom.get(anchors);
  if (!selectorsOf) {
    selectorsOf = new Map();
    madeFrom.set(anchors, selectorsOf);
  }
  const known = selectorsOf;
  const check = (record: AnnotationRecord) => {
    const before = known.get(record.id);
    if (before === record.selectors) return;
    known.set(record.id, record.selectors);
    if (before && !isSameSelectors(before, record.selectors) && anchors.has(record.id)) anchors.set(record.id, anchor(text, record.selectors));
  };
  const overridden = acknowledged.length === 0 ? null : new Set(acknowledged.map((record) => record.id));
  for (const room of rooms) for (const record of room.annotations) if (!overridden?.has(record.id)) check(record);
  for (const record of acknowledged) check(record);
}

function isSameSelectors(a: Selectors, b: Selectors): boolean {
  return (
    a.position.start === b.position.start &&
    a.position.end === b.position.end &&
    a.quote.exact === b.quote.exact &&
    a.quote.prefix === b.quote.prefix &&
    a.quote.suffix === b.quote.suffix
  );
}
