/**
 * The composer for a new annotation on the selected passage: kind, Markdown body, tags (suggested
 * from the group's tags), and visibility (the seminar, or only me: the private notes room).
 * Its content is a draft until the server accepts it; a refusal shows its message and keeps it.
 * Shared with the seminar, the note may @mention its members (client/margin/mention-input.ts).
 */
import { messageLine } from '../forms.ts';
import { annotationKinds, annotationLimits, type AnnotationKind } from '../../shared/annotation-vocabulary.ts';
import type { Selectors } from '../../shared/selectors.ts';
import type { TagVocabulary } from '../../shared/tag-vocabulary.ts';
import type { CommandOutcome } from '../services/command-queue.ts';
import { el } from '../dom.ts';
import { clearDraft, loadDraft, saveDraft } from '../store/drafts.ts';
import { kindLabels } from './margin-context.ts';
import { attachMentionInput } from './mention-input.ts';
import { createTagInput } from './tag-input.ts';

export interface ComposerInput {
  kind: AnnotationKind;
  body: string;
  tags: string[];
  visibility: 'group' | 'private';
  selectors: Selectors;
}

export interface ComposerOptions {
  selectors: Selectors;
  knownTags: string[];
  /** The seminar's vocabulary, for notes shared with the seminar. */
  vocabulary?: () => TagVocabulary | null;
  draftKey: string;
  /** False on the plain reader: there is no seminar to share with, only one's private notes. */
  canShare: boolean;
  /** The seminar whose members the note may mention; none on the plain reader. */
  groupId?: string | null;
  onSubmit(input: ComposerInput): Promise<CommandOutcome>;
  onClose(): void;
}

export function createComposer(options: ComposerOptions): HTMLElement {
  const draft = loadDraft(options.draftKey);
  const kind = el('select', { id: 'composer-kind' }, ...annotationKinds.map((value) => el('option', { value }, kindLabels[value] ?? value)));
  kind.value = draft?.kind ?? 'comment';
  const body = el('textarea', { id: 'composer-body', rows: '5', maxlength: String(annotationLimits.body), 'aria-describedby': 'composer-body-hint' });
  body.value = draft?.body ?? '';
  const groupId = options.groupId ?? null;
  const visibility = el('select', { id: 'composer-visibility' }, options.canShare ? el('option', { value: 'group' }, 'The seminar') : null, el('option', { value: 'private' }, 'Only me'));
  // Private notes have no vocabulary: the seminar's applies only to what the seminar will read.
  const vocabulary = () => (visibility.value === 'group' ? (options.vocabulary?.() ?? null) : null);
  const tags = createTagInput({ id: 'composer-tags', known: options.knownTags, initial: draft?.tags ?? [], vocabulary });
  visibility.value = options.canShare ? (draft?.visibility ?? 'group') : 'private';
  // Only the seminar would see (and be notified of) a mention; private notes get no suggestions.
  const mentions = groupId === null ? null : attachMentionInput(body, { groupId: () => (visibility.value === 'group' ? groupId : null) });
  visibility.addEventListener('change', () => mentions?.close());
  const message = messageLine();
  const submit = el('button', { type: 'submit', class: 'button-primary' }, 'Save annotation');
  const cancel = el('button', { type: 'button', class: 'button-quiet' }, 'Cancel');

  const keep = () => saveDraft(options.draftKey, { body: body.value, kind: kind.value, tags: tags.values(), visibility: visibility.value as 'group' | 'private' });
  for (const field of [kind, body, visibility]) field.addEventListener('input', keep);
  tags.onChange(keep);

  const form = el(
    'form',
    { class: 'composer', 'aria-label': 'New annotation' },
    el('h2', { class: 'composer-heading' }, 'Annotate'),
    el('blockquote', { class: 'card-quote' }, options.selectors.quote.exact),
    el('div', { class: 'field' }, el('label', { for: 'composer-kind' }, 'Kind'), kind),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'composer-body' }, 'Note'),
      mentions?.element ?? body,
      el('p', { class: 'field-hint', id: 'composer-body-hint' }, `Markdown: *emphasis*, **strong**, [links](https://…).${mentions ? ' @ and a name mentions a member.' : ''} Ctrl+Enter saves.`),
    ),
    el('div', { class: 'field' }, el('label', { for: 'composer-tags' }, 'Tags'), tags.element),
    el('div', { class: 'field' }, el('label', { for: 'composer-visibility' }, 'Visible to'), visibility),
    el('div', { class: 'form-actions' }, submit, cancel),
    message.element,
  );
  cancel.addEventListener('click', () => options.onClose());
  form.addEventListener('keydown', (event) => {
    // A key the mention list used (Escape closing it) is not the form's.
    if (event.defaultPrevented) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      options.onClose();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    tags.commit();
    submit.disabled = true;
    message.show('info', 'Saving…');
    const input: ComposerInput = {
      kind: kind.value as AnnotationKind,
      body: body.value.trim(),
      tags: tags.values(),
      visibility: visibility.value as 'group' | 'private',
      selectors: options.selectors,
    };
    void options.onSubmit(input).then((outcome) => {
      submit.disabled = false;
      if (outcome.type === 'refused') {
        message.show('error', outcome.message);
        return;
      }
      clearDraft(options.draftKey);
      options.onClose();
    });
  });
  queueMicrotask(() => body.focus());
  return form;
}
