/** The zod side of library-import.ts: the upload's query, and the progress event (for its listeners' tests and tools). */
import { z } from 'zod';
import type { ImportProgress } from './library-import.ts';

/** POST /api/documents/imports?fileName=…&importId=… with the file as the body. */
export const importUploadQuerySchema = z
  .object({
    fileName: z.string().trim().min(1, 'name the file').max(200, 'at most 200 characters'),
    importId: z.uuid('a UUID chosen by the page'),
  })
  .strict();

const outcomeSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.enum(['imported', 'already-imported']),
    sourceId: z.string(),
    title: z.string(),
    documentId: z.string(),
    warnings: z.array(z.string()),
  }),
  z.object({ status: z.literal('failed'), sourceId: z.string(), title: z.string(), message: z.string() }),
]);

export const importProgressSchema = z.object({
  importId: z.uuid(),
  fileName: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().positive(),
  outcome: outcomeSchema,
}) satisfies z.ZodType<ImportProgress>;
