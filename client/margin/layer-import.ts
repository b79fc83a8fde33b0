/**
 * "Import annotations": a W3C Web Annotation collection file (another tool's export, or another
 * seminar's) read into this seminar's layer by whoever writes in it. The server anchors each
 * annotation and writes it through the command path, so the cards arrive in the margin live; this
 * control only sends the file and says what could not be placed, and why.
 */
import type { GroupRecord } from '../../shared/accounts.ts';
import { maxImportBytes, type ImportReport } from '../../shared/layer-import.ts';
import { el } from '../dom.ts';
import { segment, sendFile } from '../services/api.ts';

const writers: readonly GroupRecord['role'][] = ['member', 'moderator', 'owner'];

/** The control for the reader's header, or null for those who only read the layer. */
export function renderLayerImport(group: GroupRecord, documentId: string): HTMLElement | null {
  if (!writers.includes(group.role)) return null;
  const input = el('input', { type: 'file', accept: '.jsonld,.json,application/ld+json,application/json', class: 'visually-hidden', 'aria-label': 'W3C annotation file to import' });
  const button = el('button', { type: 'button', class: 'button-small button-quiet' }, 'Import annotations…');
  const report = el('div', { class: 'layer-import-report', role: 'status', 'aria-live': 'polite' });
  button.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) void importFile(file);
  });

  async function importFile(file: File): Promise<void> {
    if (file.size > maxImportBytes) {
      report.replaceChildren(el('p', { class: 'form-message form-message-error' }, `“${file.name}” is larger than ${maxImportBytes / 1024 / 1024} MB, the most an import takes.`));
      return;
    }
    button.disabled = true;
    report.replaceChildren(el('p', {}, `Importing “${file.name}”…`));
    const result = await sendFile<ImportReport>(`/api/groups/${segment(group.id)}/documents/${segment(documentId)}/annotations.jsonld`, {
      type: 'application/ld+json',
      content: file,
    });
    button.disabled = false;
    if (result.type === 'error') {
      report.replaceChildren(el('p', { class: 'form-message form-message-error' }, `“${file.name}” was not imported: ${result.message}`));
      return;
    }
    report.replaceChildren(...describeReport(file.name, result.value));
  }

  return el('span', { class: 'layer-import' }, button, input, report);
}

function describeReport(fileName: string, { placed, unplaced }: ImportReport): HTMLElement[] {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const summary = el('p', {}, `From “${fileName}”: ${count(placed.length, 'item')} placed in the margin${unplaced.length ? `, ${count(unplaced.length, 'item')} could not be placed:` : '.'}`);
  if (unplaced.length === 0) return [summary];
  const list = el(
    'ul',
    { class: 'layer-import-unplaced' },
    ...unplaced.map((item) => el('li', {}, item.quote ? el('q', {}, item.quote) : el('code', {}, item.id), ` — ${item.reason}`)),
  );
  return [summary, list];
}
