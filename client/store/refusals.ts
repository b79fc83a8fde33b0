/** What a refused command leaves behind: its text kept as the draft of its form, and words for the notice. */
import type { Command } from '../../shared/annotations.ts';
import { saveDraft } from './drafts.ts';

/**
 * Keeps the text of a refused command as the draft of the form it came from (a form still on
 * screen shows it again when the margin re-renders) and answers it, so the notice can show it too.
 */
export function keepRefusedDraft(command: Command, scope: string): string | null {
  switch (command.type) {
    case 'annotation.create':
      saveDraft(`new:${scope}`, { body: command.body, kind: command.kind, tags: command.tags, visibility: command.target.type === 'group' ? 'group' : 'private' });
      return command.body || null;
    case 'reply.create':
      saveDraft(`reply:${command.annotationId}:${command.parentId ?? 'top'}`, { body: command.body });
      return command.body;
    case 'annotation.edit':
      saveDraft(`edit:${command.annotationId}`, { body: command.body });
      return command.body;
    case 'reply.edit':
      saveDraft(`edit:${command.replyId}`, { body: command.body });
      return command.body;
    default:
      return null;
  }
}

export function describeCommand(command: Command): string {
  switch (command.type) {
    case 'annotation.create':
      return 'new annotation';
    case 'reply.create':
      return 'reply';
    case 'annotation.reanchor':
      return 're-attachment';
    default:
      return command.type.replace('.', ' ');
  }
}
