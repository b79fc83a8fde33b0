/**
 * The seminar's tag vocabulary in the reader: what the composer suggests, what the filter offers
 * (the vocabulary's tags with their colours, then tags only private notes carry), and the colour a
 * highlight takes when highlights are coloured by tag. A tag in the seminar's layer that the vocabulary
 * lacks was just added by a member: the vocabulary is fetched again, once per such name.
 */
import type { AnnotationRecord } from '../../shared/annotations.ts';
import { colourOfTags, findTag, tagKey, type TagVocabulary } from '../../shared/tag-vocabulary.ts';
import { watchVocabulary } from '../store/tag-vocabulary.ts';
import type { LayerView } from '../store/annotations.ts';
import type { FilterTag } from './filters-bar.ts';

export interface ReaderTags {
  vocabulary(): TagVocabulary | null;
  /** Called on each render with the layer shown. */
  filterTags(layer: LayerView): FilterTag[];
  colourOf(record: AnnotationRecord): string | null;
  stop(): void;
}

export function createReaderTags(groupId: string | null, onChange: () => void): ReaderTags {
  const watch = groupId ? watchVocabulary(groupId, onChange) : null;
  const askedAbout = new Set<string>();
  const tagsOf = () => watch?.current()?.tags ?? [];
  return {
    vocabulary: () => watch?.current() ?? null,
    filterTags(layer) {
      const own = tagsOf();
      if (watch?.current()) {
        const unknown = layer.annotations.flatMap((item) => (item.record.groupId ? item.record.tags : [])).filter((name) => !findTag(own, name) && !askedAbout.has(tagKey(name)));
        for (const name of unknown) askedAbout.add(tagKey(name));
        if (unknown.length > 0) watch.refresh();
      }
      const extra = layer.tags.filter((name) => !findTag(own, name)).map((name): FilterTag => ({ name, colour: null }));
      return [...own.map((tag) => ({ name: tag.name, colour: tag.colour })), ...extra];
    },
    colourOf: (record) => (record.groupId ? colourOfTags(record.tags, tagsOf()) : null),
    stop: () => watch?.stop(),
  };
}
