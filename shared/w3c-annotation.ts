/**
 * What the Web Annotation Protocol server (server/routes/annotation-service.ts) takes as one
 * annotation, checked at the boundary before the W3C planner reads it: an object of type
 * `Annotation` with a target, and, if it has an id (the client's own), an absolute IRI. The rest of
 * the model (bodies, selectors, motivations) is read leniently by the planner, which says what it
 * cannot place and why; unknown properties are allowed, as JSON-LD allows them.
 */
import { z } from 'zod';
import { annotationLimits } from './annotation-vocabulary.ts';

const typeNames = z.union([z.string(), z.array(z.string())], { error: 'A Web Annotation has the type "Annotation"' });

export const postedAnnotationSchema = z.looseObject({
  id: z
    .url({ error: 'An annotation’s id must be an absolute IRI' })
    .max(annotationLimits.w3cVia, `An annotation’s id has at most ${annotationLimits.w3cVia} characters`)
    .optional(),
  type: typeNames.refine((type) => [type].flat().includes('Annotation'), 'A Web Annotation has the type "Annotation"'),
  target: z.unknown().refine((target) => target !== undefined && target !== null, 'A Web Annotation needs a target'),
});

export type PostedAnnotation = z.infer<typeof postedAnnotationSchema>;

/** The query of a container's page: `?page=n`, with `iris=1` for a page of IRIs. */
export const containerQuerySchema = z
  .object({
    page: z.coerce.number({ error: 'page is a number' }).int('page is a whole number').min(0, 'pages count from 0').max(1_000_000).optional(),
    iris: z.enum(['0', '1'], { error: 'iris is 0 or 1' }).optional(),
  })
  .strict();
