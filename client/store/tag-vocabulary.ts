/**
 * A seminar's tag vocabulary as a page holds it: fetched once, replaced by what the group's socket
 * announces after a moderator's change, and fetched again on request (when the layer shows a tag the
 * vocabulary lacks: a member just added it by tagging, which the socket does not announce).
 */
import type { TagVocabulary } from '../../shared/tag-vocabulary.ts';
import { onTagVocabulary } from '../services/socket.ts';
import { getVocabulary } from '../services/tags-api.ts';

export interface VocabularyWatch {
  current(): TagVocabulary | null;
  /** Fetches again, at most one request at a time. */
  refresh(): void;
  stop(): void;
}

export function watchVocabulary(groupId: string, onChange: (vocabulary: TagVocabulary) => void): VocabularyWatch {
  let vocabulary: TagVocabulary | null = null;
  let inFlight = false;
  let isStopped = false;
  const take = (next: TagVocabulary) => {
    if (isStopped || next.groupId !== groupId) return;
    vocabulary = next;
    onChange(next);
  };
  const refresh = () => {
    if (inFlight) return;
    inFlight = true;
    void getVocabulary(groupId).then((result) => {
      inFlight = false;
      if (result.type === 'ok') take(result.value);
    });
  };
  const stopListening = onTagVocabulary(take);
  refresh();
  return {
    current: () => vocabulary,
    refresh,
    stop() {
      isStopped = true;
      stopListening();
    },
  };
}
