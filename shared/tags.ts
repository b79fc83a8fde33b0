/** The requests that change a seminar's tag vocabulary, validated alike by the server and forms. */
import { z } from 'zod';
import { tagName } from './annotations.ts';
import { tagColourPattern, tagLimits } from './tag-vocabulary.ts';

export * from './tag-vocabulary.ts';

const colour = z.string().trim().toLowerCase().regex(tagColourPattern, 'A colour is written #rrggbb');
const description = z.string().trim().max(tagLimits.description, `A description has at most ${tagLimits.description} characters`);

export const createTagSchema = z.object({ name: tagName, colour: colour.nullable().optional(), description: description.default('') }).strict();

/** A new name renames the tag in every annotation of the seminar. */
export const updateTagSchema = z
  .object({ name: tagName.optional(), colour: colour.nullable().optional(), description: description.optional() })
  .strict()
  .refine((change) => Object.keys(change).length > 0, 'Say what to change: name, colour or description');

export const mergeTagSchema = z.object({ into: z.uuid('Name the tag to merge into') }).strict();

export const vocabularySettingsSchema = z.object({ isLocked: z.boolean() }).strict();
