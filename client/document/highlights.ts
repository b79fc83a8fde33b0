/**
 * The annotation layer drawn over the read-only document: highlights and other readers' live
 * selections, as ProseMirror decorations.
 *
 * Overlapping annotations are cut into elementary pieces, each decorated once with its depth (how
 * many annotations cover it), so a passage under two annotations reads darker than one under one and
 * every piece knows which annotations it belongs to (`data-annotations`, innermost first).
 *
 * The document never changes, so a decoration is known by what it draws (its offsets, classes and
 * ids). `showLayer` compares the wanted decorations with the shown ones and removes and adds only the
 * difference: one more annotation touches the pieces under its passage, and the view redraws only the
 * blocks whose decorations changed. Nothing changed, nothing is dispatched.
 */
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import type { TextMap } from '../../shared/canonical-text.ts';

export interface HighlightRange {
  id: string;
  start: number;
  end: number;
  kind: string;
  isPending: boolean;
}

export interface RemoteSelection {
  start: number;
  end: number;
  color: string;
  name: string;
}

export interface LayerData {
  highlights: HighlightRange[];
  focusedId: string | null;
  remote: RemoteSelection[];
}

/** One elementary piece of the highlighted text and the annotations covering all of it. */
export interface HighlightPiece {
  start: number;
  end: number;
  /** Innermost (shortest) first; among equals, in the order the ranges were given. */
  covering: HighlightRange[];
}

interface LayerState {
  set: DecorationSet;
  /** The shown decorations by what they draw. */
  byKey: Map<string, Decoration>;
}

const layerKey = new PluginKey<LayerState>('annotation-layer');
const emptyState: LayerState = { set: DecorationSet.empty, byKey: new Map() };

export function annotationLayerPlugin(): Plugin<LayerState> {
  return new Plugin<LayerState>({
    key: layerKey,
    state: {
      init: () => emptyState,
      apply(tr, state) {
        const next = tr.getMeta(layerKey) as LayerState | undefined;
        // The text is read-only: a transaction without new data maps nothing that moves.
        return next ?? (tr.docChanged ? { ...state, set: state.set.map(tr.mapping, tr.doc) } : state);
      },
    },
    props: { decorations: (state) => layerKey.getState(state)?.set },
  });
}

/**
 * Cuts the ranges at every start and end into pieces, by one sweep over the sorted boundaries: each
 * range enters the set of covering ranges at its start and leaves it at its end, so the work is
 * O(n log n) plus the size of the answer, not one scan of every range per piece.
 */
export function cutHighlights(ranges: readonly HighlightRange[]): HighlightPiece[] {
  const order = new Map<HighlightRange, number>();
  const valid = ranges.filter((range) => range.end > range.start);
  valid.forEach((range, index) => order.set(range, index));
  const byStart = [...valid].sort((a, b) => a.start - b.start);
  const byEnd = [...valid].sort((a, b) => a.end - b.end);
  const innerFirst = (a: HighlightRange, b: HighlightRange) => a.end - a.start - (b.end - b.start) || (order.get(a) ?? 0) - (order.get(b) ?? 0);
  const covering: HighlightRange[] = [];
  const pieces: HighlightPiece[] = [];
  let s = 0;
  let e = 0;
  while (s < byStart.length || e < byEnd.length) {
    const nextStart = byStart[s]?.start ?? Infinity;
    const nextEnd = byEnd[e]?.end ?? Infinity;
    const at = Math.min(nextStart, nextEnd);
    for (; e < byEnd.length && (byEnd[e] as HighlightRange).end === at; e++) covering.splice(covering.indexOf(byEnd[e] as HighlightRange), 1);
    for (; s < byStart.length && (byStart[s] as HighlightRange).start === at; s++) {
      const range = byStart[s] as HighlightRange;
      covering.splice(insertionIndex(covering, range, innerFirst), 0, range);
    }
    if (covering.length === 0) continue;
    const to = Math.min(byStart[s]?.start ?? Infinity, byEnd[e]?.end ?? Infinity);
    pieces.push({ start: at, end: to, covering: [...covering] });
  }
  return pieces;
}

function insertionIndex<T>(sorted: T[], item: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(sorted[mid] as T, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface WantedDecoration {
  start: number;
  end: number;
  attrs: Record<string, string>;
}

/** Shows the layer of `data`, changing only the decorations that differ from those shown. */
export function showLayer(view: EditorView, textMap: TextMap, data: LayerData): void {
  const shown = layerKey.getState(view.state) ?? emptyState;
  const wanted = new Map<string, WantedDecoration>();
  for (const piece of highlightDecorations(data)) wanted.set(`h ${piece.start} ${piece.end} ${piece.attrs.class} ${piece.attrs['data-annotations']}`, piece);
  for (const selection of remoteDecorations(textMap, data.remote)) wanted.set(`r ${selection.start} ${selection.end} ${selection.attrs.style} ${selection.attrs.title}`, selection);

  const removed: Decoration[] = [];
  for (const [key, decoration] of shown.byKey) if (!wanted.has(key)) removed.push(decoration);
  const byKey = new Map<string, Decoration>();
  const added: Decoration[] = [];
  for (const [key, { start, end, attrs }] of wanted) {
    let decoration = shown.byKey.get(key);
    if (!decoration) {
      decoration = Decoration.inline(textMap.posAt(start, 1), textMap.posAt(end, -1), attrs);
      added.push(decoration);
    }
    byKey.set(key, decoration);
  }
  if (removed.length === 0 && added.length === 0) return;
  // A large change (a filter, the first render) is cheaper built afresh than patched.
  const set =
    removed.length + added.length > byKey.size / 2
      ? DecorationSet.create(view.state.doc, [...byKey.values()])
      : shown.set.remove(removed).add(view.state.doc, added);
  view.dispatch(view.state.tr.setMeta(layerKey, { set, byKey } satisfies LayerState));
}

function highlightDecorations(data: LayerData): WantedDecoration[] {
  return cutHighlights(data.highlights).map(({ start, end, covering }) => {
    const top = covering[0] as HighlightRange;
    const classes = ['hl', `hl-depth-${Math.min(covering.length, 3)}`, `hl-${top.kind}`];
    if (covering.some((range) => range.id === data.focusedId)) classes.push('hl-focused');
    if (covering.every((range) => range.isPending)) classes.push('hl-pending');
    return { start, end, attrs: { class: classes.join(' '), 'data-annotations': covering.map((range) => range.id).join(' ') } };
  });
}

function remoteDecorations(textMap: TextMap, remote: RemoteSelection[]): WantedDecoration[] {
  return remote
    .filter((selection) => selection.end > selection.start && selection.end <= textMap.text.length)
    .map((selection) => ({
      start: selection.start,
      end: selection.end,
      attrs: { class: 'remote-selection', style: `--reader-color: ${selection.color}`, title: `${selection.name} is reading this` },
    }));
}
