/**
 * What a document is on the wire: the records both sides agree on, and the edition metadata a plain
 * text cannot carry (which volume, which document, where and when it was written).
 */
import { z } from 'zod';

/** Where a source was published: enough for a citation such as FRUS's. */
export const citationSchema = z.object({
  /** "Foreign Relations of the United States, 1981–1988" */
  series: z.string().min(1).max(300),
  /** "Volume XLI, Global Issues II" */
  volume: z.string().min(1).max(300),
  /** The document's number in the volume, "97". */
  document: z.string().min(1).max(40),
  /** The printed page on which the document begins. */
  firstPage: z.number().int().positive().nullable(),
  /** The publisher's page for the document. */
  url: z.url().max(2000).nullable(),
});
export type Citation = z.infer<typeof citationSchema>;

/** Edition metadata given alongside a plain-text source (a `.meta.json` file beside it). */
export const documentMetadataSchema = z.object({
  /** A stable, readable id for links, e.g. "frus1981-88v41-d97". */
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'lower-case letters, digits and dashes').optional(),
  /** "Washington, September 25, 1987": printed under the title. */
  dateline: z.string().min(1).max(300).optional(),
  /** ISO date of the document, when known. */
  date: z.iso.date().optional(),
  citation: citationSchema.optional(),
});
export type DocumentMetadata = z.infer<typeof documentMetadataSchema>;

export interface DocumentFootnote {
  n: string;
  kind: 'source' | 'note';
  text: string;
}

export interface DocumentSummary {
  id: string;
  title: string;
  dateline: string | null;
  citation: Citation | null;
  pages: number[];
  importedAt: string;
}

export interface DocumentRecord extends DocumentSummary {
  version: number;
  /** The ProseMirror JSON of the body, in `documentSchema`. */
  body: unknown;
  /** The canonical text (canonical-text.ts): what annotation offsets point into. */
  text: string;
  footnotes: DocumentFootnote[];
}

/** The JSON body every API error answers with. */
export interface ApiError {
  error: string;
  message: string;
}

/** The most a source file may weigh when imported through the API. */
export const maxSourceLength = 500_000;

/** POST /api/documents: an administrator imports a FRUS-style plain text into the library. */
export const importDocumentSchema = z
  .object({
    fileName: z.string().trim().min(1).max(200),
    source: z.string().min(1, 'The source is empty').max(maxSourceLength, `A source has at most ${maxSourceLength} characters`),
    metadata: documentMetadataSchema.optional(),
  })
  .strict();

/** A version of a document, as GET /api/documents/:id/versions lists them. */
export interface DocumentVersionSummary {
  version: number;
  title: string;
  importedAt: string;
  isCurrent: boolean;
}

/** What importing a new version of a document answers (POST /api/documents/:id/versions). */
export interface NewVersionResult {
  documentId: string;
  version: number;
  /** false when this exact source already is a version of the document. */
  created: boolean;
  /** Annotations moved onto the new version. */
  reanchored: number;
  /** Annotations the new text no longer holds: kept on their old version, shown as orphans. */
  orphans: { annotationId: string; quote: string; reason: string }[];
  warnings: string[];
}
