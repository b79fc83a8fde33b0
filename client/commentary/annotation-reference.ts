/**
 * An annotation cited in the commentary: an inline atom that reads as its author and first words,
 * from the layer as this reader sees it, so that an annotation deleted or hidden since shows as such,
 * never as broken markup. Until the layer has loaded it reads as the label it was cited with.
 */
import type { Node as PMNode } from 'prosemirror-model';
import type { NodeView } from 'prosemirror-view';
import { annotationLabel, type ResolvedAnnotation } from '../../shared/commentary-text.ts';

/** null: the layer is not known yet. */
export type ResolveAnnotation = (annotationId: string) => ResolvedAnnotation | null;

export interface AnnotationReferences {
  nodeView(node: PMNode): NodeView;
  /** The layer changed: every reference reads again. */
  refresh(): void;
}

export function createAnnotationReferences(resolve: ResolveAnnotation): AnnotationReferences {
  const shown = new Set<() => void>();
  return {
    nodeView(initial) {
      let node = initial;
      const dom = document.createElement('span');
      dom.className = 'commentary-annotation-ref';
      const render = () => {
        const annotationId = String(node.attrs.annotationId);
        const resolved = resolve(annotationId);
        dom.dataset.annotationId = annotationId;
        dom.dataset.state = resolved?.state ?? 'unknown';
        dom.textContent = resolved ? annotationLabel(resolved) : String(node.attrs.label || 'an annotation');
        dom.title = resolved?.state === 'shown' ? 'Open this annotation’s thread' : '';
      };
      render();
      shown.add(render);
      return {
        dom,
        update(next) {
          if (next.type !== node.type) return false;
          node = next;
          render();
          return true;
        },
        ignoreMutation: () => true,
        destroy: () => shown.delete(render),
      };
    },
    refresh() {
      for (const render of shown) render();
    },
  };
}
