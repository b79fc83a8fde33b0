/**
 * Opening the composer on the selected passage, and what its submission does: an `annotation.create`
 * command through the queue, then the new card opened.
 */
import type { Command } from '../../shared/annotations.ts';
import type { TextMap } from '../../shared/canonical-text.ts';
import type { TagVocabulary } from '../../shared/tag-vocabulary.ts';
import { describeRange } from '../../shared/describe-range.ts';
import type { EditorView } from 'prosemirror-view';
import { describeSelection } from '../anchoring/describe-selection.ts';
import type { CommandOutcome } from '../services/command-queue.ts';
import { createComposer } from './composer.ts';

export interface ComposerSetup {
  view: EditorView;
  textMap: TextMap;
  slot: HTMLElement;
  documentId: string;
  groupId: string | null;
  draftKey: string;
  canWrite(): boolean;
  knownTags(): string[];
  /** The seminar's vocabulary: suggested, and the only tags allowed when it is locked. */
  vocabulary(): TagVocabulary | null;
  submit(command: Command): Promise<CommandOutcome>;
  /** After the composer closes, where the keyboard goes. */
  onClose(): void;
  /** The annotation was sent (pending or applied). */
  onCreated(annotationId: string): void;
}

export function createComposerOpener(setup: ComposerSetup): () => void {
  const { view, textMap, slot, groupId } = setup;
  return () => {
    const described = describeSelection(view, textMap);
    if (!described || !setup.canWrite()) return;
    const selectors = describeRange(textMap.text, described.start, described.end);
    const close = () => {
      slot.replaceChildren();
      setup.onClose();
    };
    slot.replaceChildren(
      createComposer({
        selectors,
        knownTags: setup.knownTags(),
        vocabulary: setup.vocabulary,
        draftKey: setup.draftKey,
        canShare: groupId !== null,
        groupId,
        onClose: close,
        onSubmit: async (composed) => {
          const annotationId = crypto.randomUUID();
          const outcome = await setup.submit({
            type: 'annotation.create',
            commandId: crypto.randomUUID(),
            annotationId,
            target: composed.visibility === 'group' && groupId ? { type: 'group', groupId } : { type: 'private' },
            documentId: setup.documentId,
            kind: composed.kind,
            selectors: composed.selectors,
            body: composed.body,
            tags: composed.tags,
          });
          if (outcome.type !== 'refused') {
            window.getSelection()?.removeAllRanges();
            setup.onCreated(annotationId);
          }
          return outcome;
        },
      }),
    );
  };
}
