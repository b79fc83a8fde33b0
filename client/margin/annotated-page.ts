/**
 * The annotated reader's frame: the header (the seminar, the citation, who is here, filters, the
 * connection, replay, seminar mode, links to the history, the report and the layer's files, the
 * import of a W3C file) above
 * the text and its margin side by side. It only arranges the parts the reader made.
 */
import type { GroupRecord } from '../../shared/accounts.ts';
import type { DocumentRecord } from '../../shared/document.ts';
import { renderCitation } from '../document/citation.ts';
import { el } from '../dom.ts';
import { renderLayerImport } from './layer-import.ts';

export interface AnnotatedPageParts {
  record: DocumentRecord;
  group: GroupRecord | null;
  roleNote: HTMLElement;
  avatars: HTMLElement;
  filters: HTMLElement;
  connection: HTMLElement;
  replay: HTMLElement | null;
  seminarSlot: HTMLElement;
  reportLink: HTMLElement | null;
  text: HTMLElement;
  selectionBar: HTMLElement;
  margin: HTMLElement;
  /** The seminar's commentary (client/commentary/) and the button that shows it; none for private notes. */
  commentaryToggle?: HTMLElement | null;
  commentary?: HTMLElement | null;
}

export function renderAnnotatedPage(parts: AnnotatedPageParts): HTMLElement {
  const { record, group } = parts;
  const timelineLink = group ? el('a', { href: `/groups/${encodeURIComponent(group.id)}/documents/${encodeURIComponent(record.id)}/history`, 'data-link': '' }, 'History of this document') : null;
  // The layer as files (server/routes/layer-files.ts): plain links the browser downloads, not app routes.
  const layerFile = (extension: string, label: string, title: string) =>
    el('a', { href: `/api/groups/${encodeURIComponent(group?.id ?? '')}/documents/${encodeURIComponent(record.id)}/annotations.${extension}`, download: '', class: 'layer-file', title }, label);
  const exports = group
    ? [' · Download the annotations: ', layerFile('csv', 'spreadsheet (CSV)', 'One row per annotation or reply, with printed pages'), ', ', layerFile('jsonld', 'W3C Web Annotation (JSON-LD)', 'For other annotation tools')]
    : [];
  return el(
    'div',
    { class: 'annotated-page' },
    el(
      'header',
      { class: 'annotated-header' },
      el(
        'p',
        { class: 'annotated-group' },
        group ? el('a', { href: `/groups/${encodeURIComponent(group.id)}`, 'data-link': '' }, group.name) : 'Your private notes',
        parts.roleNote,
      ),
      renderCitation(record.citation),
      // The filters sit up here, so the whole margin is free for cards beside their passages.
      el('div', { class: 'annotated-status' }, parts.avatars, parts.filters, parts.connection),
      parts.replay,
      parts.seminarSlot,
      el('p', { class: 'document-links' }, parts.commentaryToggle ?? null, parts.commentaryToggle ? ' ' : null, timelineLink, parts.reportLink ? ' · ' : null, parts.reportLink, ...exports),
      group ? renderLayerImport(group, record.id) : null,
    ),
    // The selection bar sticks to the bottom of the text's column, clear of the margin.
    el('div', { class: 'annotated-body' }, el('div', { class: 'reader-column' }, parts.text, parts.selectionBar), parts.margin, parts.commentary ?? null),
  );
}
