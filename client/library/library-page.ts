/**
 * /library: the documents of this instance, and, for its administrators, the import of a file: a
 * FRUS document or a whole volume in TEI, or a FRUS plain text. A volume's documents appear one by
 * one as the server imports them (socket.io `import.progress`), with a bar; the server's answer at
 * the end is the full list, each document linked to its reader, each failure with its reason. A file
 * may also be imported as the next version of a document (docs/documents.md, "Versions").
 */
import type { UserRecord } from '../../shared/accounts.ts';
import type { DocumentSummary } from '../../shared/document.ts';
import { maxImportFileBytes, type DocumentImportOutcome, type ImportProgress } from '../../shared/library-import.ts';
import { requireSignIn } from '../account/require-sign-in.ts';
import { el, statusMessage } from '../dom.ts';
import { field, messageLine, onSubmit, pageHeading, select } from '../forms.ts';
import type { Cleanup } from '../router.ts';
import { listDocuments } from '../services/api.ts';
import { importVersion, uploadForImport } from '../services/library-api.ts';
import { onImportProgress, whenSocketConnected } from '../services/socket.ts';
import { outcomeItem, summaryOf } from './import-outcomes.ts';
import { versionOutcome } from './version-outcome.ts';

export function renderLibraryPage(container: HTMLElement): Cleanup {
  return requireSignIn(container, (user) => {
    let isCurrent = true;
    const documents = el('div', { class: 'library-documents' }, statusMessage('loading', 'Loading the library…'));
    const reload = async () => {
      const result = await listDocuments();
      if (!isCurrent) return;
      if (result.type === 'error') documents.replaceChildren(statusMessage('error', `Could not load the library: ${result.message}`));
      else {
        documents.replaceChildren(documentList(result.value));
        importer?.setDocuments(result.value);
      }
    };
    const importer = user.isAdmin ? importSection(reload) : null;
    container.replaceChildren(
      el(
        'section',
        { class: 'library-page' },
        pageHeading('Library'),
        importer?.element ?? notAdmin(user),
        el('h2', {}, 'Documents'),
        documents,
      ),
    );
    void reload();
    return () => {
      isCurrent = false;
      importer?.stop();
    };
  });
}

function notAdmin(user: UserRecord): HTMLElement {
  return el('p', { class: 'quiet' }, `Documents are imported by the administrators of this instance; ${user.name}, you can read them all below.`);
}

function documentList(summaries: DocumentSummary[]): HTMLElement {
  if (summaries.length === 0) return statusMessage('empty', 'The library is empty.');
  return el(
    'ul',
    { class: 'library-list' },
    ...summaries.map((summary) => el('li', {}, el('a', { href: `/documents/${encodeURIComponent(summary.id)}`, 'data-link': '' }, summary.title))),
  );
}

function importSection(onImported: () => Promise<void>): { element: HTMLElement; stop(): void; setDocuments(summaries: DocumentSummary[]): void } {
  const file = el('input', { type: 'file', name: 'file', accept: '.xml,.txt,application/xml,text/xml,text/plain', required: '' });
  const target = select([['', 'New documents']]);
  let titles = new Map<string, string>();
  const message = messageLine();
  const bar = el('progress', { class: 'import-progress', max: '1', value: '0', hidden: '' });
  const status = el('p', { class: 'import-status', role: 'status', 'aria-live': 'polite' });
  const results = el('ol', { class: 'import-results', 'aria-label': 'Imported documents' });
  const versionReport = el('div', { class: 'import-version', role: 'status', 'aria-live': 'polite' });
  const form = el(
    'form',
    { class: 'account-form import-form', 'aria-labelledby': 'import-heading' },
    el('h2', { id: 'import-heading' }, 'Import a document or a volume'),
    field(
      'File',
      file,
      `TEI from the Office of the Historian (one document or a whole volume), or FRUS plain text; at most ${maxImportFileBytes / 2 ** 20} MB.`,
    ),
    field('Import as', target, 'A corrected transcription of a document in the library becomes its next version, its annotations moved onto it.'),
    el('button', { type: 'submit' }, 'Import'),
    message.element,
  );
  /** The upload in progress; null once its answer is shown (a late event then changes nothing). */
  let current: string | null = null;

  const show = (progress: ImportProgress) => {
    if (progress.importId !== current) return; // another tab's upload, or one already answered
    bar.max = progress.total;
    bar.value = progress.done;
    bar.hidden = false;
    status.textContent = `${progress.done} of ${progress.total} documents done`;
    results.append(outcomeItem(progress.outcome));
  };
  const stop = onImportProgress(show);

  onSubmit(form, async () => {
    const chosen = file.files?.[0];
    message.clear();
    if (!chosen) return message.show('error', 'Choose a file to import.');
    if (chosen.size > maxImportFileBytes) {
      return message.show('error', `This file is over ${maxImportFileBytes / 2 ** 20} MB; import it on the server with npm run import.`);
    }
    versionReport.replaceChildren();
    if (target.value) return importAsVersion(chosen, target.value);
    const importId = crypto.randomUUID();
    current = importId;
    results.replaceChildren();
    bar.hidden = true;
    status.textContent = `Importing ${chosen.name}…`;
    // Progress comes over the socket, which may still be connecting on a page just opened; without
    // it the import still runs and its answer lists everything, only without the live bar.
    await whenSocketConnected(5_000);
    const result = await uploadForImport(chosen, importId);
    if (current === importId) current = null;
    if (result.type === 'error') {
      status.textContent = '';
      message.show('error', result.message);
      return;
    }
    // The answer holds every outcome, including any whose event this page missed.
    results.replaceChildren(...result.value.outcomes.map(outcomeItem));
    bar.max = Math.max(1, result.value.outcomes.length);
    bar.value = result.value.outcomes.length;
    status.textContent = summaryOf(result.value.outcomes);
    const failed = result.value.outcomes.every((outcome: DocumentImportOutcome) => outcome.status === 'failed');
    message.show(failed ? 'error' : 'success', failed ? 'Nothing could be imported from this file.' : `${chosen.name} is imported.`);
    await onImported();
  });

  async function importAsVersion(chosen: File, documentId: string): Promise<void> {
    const title = titles.get(documentId) ?? documentId;
    results.replaceChildren();
    bar.hidden = true;
    status.textContent = `Importing ${chosen.name} as a new version of “${title}”…`;
    const result = await importVersion(documentId, { fileName: chosen.name, source: await chosen.text() });
    status.textContent = '';
    if (result.type === 'error') return message.show('error', result.message);
    versionReport.replaceChildren(...versionOutcome(title, result.value));
    message.show('success', `${chosen.name} is imported.`);
    await onImported();
  }

  const element = el('div', { class: 'library-import' }, form, bar, status, results, versionReport);
  return {
    element,
    stop,
    setDocuments(summaries) {
      titles = new Map(summaries.map((summary) => [summary.id, summary.title]));
      const chosen = target.value;
      target.replaceChildren(el('option', { value: '' }, 'New documents'), ...summaries.map((summary) => el('option', { value: summary.id }, `A new version of “${summary.title}”`)));
      target.value = titles.has(chosen) ? chosen : '';
    },
  };
}
