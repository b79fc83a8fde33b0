/**
 * Drafts: what someone is writing in a composer or reply box, kept in sessionStorage so that a
 * refused command, a re-render or a reload does not lose it. Keys name what the draft is for:
 * `new:<groupId>/<documentId>`, `reply:<annotationId>`, `edit:<id>`.
 */
export interface Draft {
  body: string;
  kind?: string;
  tags?: string[];
  visibility?: 'group' | 'private';
  selectors?: unknown;
}

const prefix = 'marginalia:draft:';

export function loadDraft(key: string): Draft | null {
  try {
    const raw = sessionStorage.getItem(prefix + key);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    // Storage may be forbidden (a sandboxed frame); a draft is a convenience, not data.
    return null;
  }
}

export function saveDraft(key: string, draft: Draft): void {
  try {
    sessionStorage.setItem(prefix + key, JSON.stringify(draft));
  } catch {
    // As above: without storage the draft lives only in the open form.
  }
}

export function clearDraft(key: string): void {
  try {
    sessionStorage.removeItem(prefix + key);
  } catch {
    // Nothing to clear when storage is forbidden.
  }
}
