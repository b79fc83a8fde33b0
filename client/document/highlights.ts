/**
 * The annotation layer drawn over the read-only document: highlights and other readers' live
 * selections, as ProseMirror decorations. The set is rebuilt only when the data changes (a
 * transaction carrying new ranges) and otherwise mapped through transactions.
 *
 * Overlapping annotations are cut into elementary pieces, each decorated once with its depth (how
 * many annotations cover it), so a passage under two annotations reads darker than one under one and
 * every piece knows which annotations it belongs to (`data-annotations`).
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

const layerKey = new PluginKey<DecorationSet>('annotation-layer');

export function annotationLayerPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: layerKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set) {
        const next = tr.getMeta(layerKey) as DecorationSet | undefined;
        return next ?? set.map(tr.mapping, tr.doc);
      },
    },
    props: { decorations: (state) => layerKey.getState(state) },
  });
}

/** Replaces the layer's decorations with those of `data`. */
export function showLayer(view: EditorView, textMap: TextMap, data: LayerData): void {
  const decorations = [...highlightDecorations(textMap, data), ...remoteDecorations(textMap, data.remote)];
  const set = DecorationSet.create(view.state.doc, decorations);
  view.dispatch(view.state.tr.setMeta(layerKey, set));
}

function highlightDecorations(textMap: TextMap, data: LayerData): Decoration[] {
  const ranges = data.highlights.filter((range) => range.end > range.start);
  const cuts = [...new Set(ranges.flatMap((range) => [range.start, range.end]))].sort((a, b) => a - b);
  const decorations: Decoration[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] as number;
    const to = cuts[i + 1] as number;
    // Innermost (shortest) first: a click on the piece means the most specific annotation.
    const covering = ranges.filter((range) => range.start <= from && range.end >= to).sort((a, b) => a.end - a.start - (b.end - b.start));
    const top = covering[0];
    if (!top) continue;
    const classes = ['hl', `hl-depth-${Math.min(covering.length, 3)}`, `hl-${top.kind}`];
    if (covering.some((range) => range.id === data.focusedId)) classes.push('hl-focused');
    if (covering.every((range) => range.isPending)) classes.push('hl-pending');
    decorations.push(
      Decoration.inline(textMap.posAt(from, 1), textMap.posAt(to, -1), {
        class: classes.join(' '),
        'data-annotations': covering.map((range) => range.id).join(' '),
      }),
    );
  }
  return decorations;
}

function remoteDecorations(textMap: TextMap, remote: RemoteSelection[]): Decoration[] {
  return remote
    .filter((selection) => selection.end > selection.start && selection.end <= textMap.text.length)
    .map((selection) =>
      Decoration.inline(textMap.posAt(selection.start, 1), textMap.posAt(selection.end, -1), {
        class: 'remote-selection',
        style: `--reader-color: ${selection.color}`,
        title: `${selection.name} is reading this`,
      }),
    );
}
