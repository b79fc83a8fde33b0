/**
 * A small text form used for replies and edits: a labelled textarea whose text is kept as a draft,
 * a submit button, a cancel button, and a line that says what happened (a refusal keeps the text).
 * In a seminar's thread the text may @mention the seminar's members (client/margin/mention-input.ts).
 */
import { messageLine } from '../forms.ts';
import type { CommandOutcome } from '../services/command-queue.ts';
import { el } from '../dom.ts';
import { clearDraft, loadDraft, saveDraft } from '../store/drafts.ts';
import { attachMentionInput } from './mention-input.ts';

export interface InlineFormOptions {
  label: string;
  submitLabel: string;
  draftKey: string;
  initial?: string;
  isRequired?: boolean;
  /** More fields, shown under the text (an annotation's kind and tags). */
  extra?: HTMLElement;
  onSubmit(body: string): Promise<CommandOutcome>;
  onCancel?(): void;
  onTyping?(isTyping: boolean): void;
  /** The seminar whose members the text may mention; null or absent for private notes. */
  mentionGroupId?: string | null;
}

let counter = 0;

export function inlineForm(options: InlineFormOptions): HTMLFormElement {
  counter += 1;
  const id = `inline-form-${counter}`;
  const textarea = el('textarea', { id, rows: '3', class: 'inline-textarea', 'data-focus-key': options.draftKey });
  textarea.value = loadDraft(options.draftKey)?.body ?? options.initial ?? '';
  const mentionGroupId = options.mentionGroupId ?? null;
  // Attached before the form's own keys, so that the list's Escape is seen (and used) first.
  const mentions = mentionGroupId === null ? null : attachMentionInput(textarea, { groupId: () => mentionGroupId });
  const message = messageLine();
  const submit = el('button', { type: 'submit', class: 'button-small button-primary' }, options.submitLabel);
  const form = el(
    'form',
    { class: 'inline-form' },
    el('label', { for: id, class: 'visually-hidden' }, options.label),
    mentions?.element ?? textarea,
    options.extra ?? null,
    el('div', { class: 'form-actions' }, submit, options.onCancel ? el('button', { type: 'button', class: 'button-small button-quiet', 'data-action': 'cancel' }, 'Cancel') : null),
    message.element,
  );
  textarea.setAttribute('placeholder', options.label);
  textarea.addEventListener('input', () => {
    saveDraft(options.draftKey, { body: textarea.value });
    options.onTyping?.(textarea.value.length > 0);
  });
  // A re-rendered margin replaces the field (blurring it); only a real leave ends "is replying".
  textarea.addEventListener('blur', () => {
    if (textarea.isConnected) options.onTyping?.(false);
  });
  textarea.addEventListener('keydown', (event) => {
    if (event.defaultPrevented) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    } else if (event.key === 'Escape' && options.onCancel) {
      event.preventDefault();
      options.onCancel();
    }
  });
  form.querySelector('[data-action="cancel"]')?.addEventListener('click', () => options.onCancel?.());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = textarea.value.trim();
    if (options.isRequired !== false && body === '') {
      message.show('error', 'Write something first.');
      return;
    }
    submit.disabled = true;
    void options.onSubmit(body).then((outcome) => {
      submit.disabled = false;
      if (outcome.type === 'refused') {
        message.show('error', outcome.message);
        return;
      }
      clearDraft(options.draftKey);
      options.onTyping?.(false);
      textarea.value = '';
      if (outcome.type === 'queued') message.show('info', 'Saved offline; it will be sent when you reconnect.');
      else message.clear();
    });
  });
  return form;
}
