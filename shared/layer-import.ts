/** What an import of a W3C annotation collection into a seminar's layer answers (docs/w3c.md). */

/** An item that could not be placed, and why; nothing of a file is dropped silently. */
export interface Unplaced {
  /** The item's own id, or its place in the collection. */
  id: string;
  quote: string | null;
  reason: string;
}

/** Where each item went, and what could not be placed. */
export interface ImportReport {
  placed: { sourceId: string; annotationId: string; replyId: string | null }[];
  unplaced: Unplaced[];
}

/** The largest collection file the import takes (as JSON-LD). */
export const maxImportBytes = 5 * 1024 * 1024;
