/** What became of each document of an import, as the library page lists it. */
import { countOutcomes, type DocumentImportOutcome } from '../../shared/library-import.ts';
import { el } from '../dom.ts';

const statusLabels = { imported: 'imported', 'already-imported': 'already in the library', failed: 'not imported' } as const;

export function outcomeItem(outcome: DocumentImportOutcome): HTMLElement {
  const label = el('span', { class: `import-outcome-status import-outcome-${outcome.status}` }, statusLabels[outcome.status]);
  if (outcome.status === 'failed') {
    return el('li', { class: 'import-outcome' }, label, ' ', el('span', {}, `${outcome.sourceId} ${outcome.title}`), el('p', { class: 'import-outcome-reason' }, outcome.message));
  }
  const warnings = outcome.warnings.length > 0 ? el('ul', { class: 'import-outcome-warnings' }, ...outcome.warnings.map((warning) => el('li', {}, warning))) : null;
  return el(
    'li',
    { class: 'import-outcome' },
    label,
    ' ',
    el('a', { href: `/documents/${encodeURIComponent(outcome.documentId)}`, 'data-link': '' }, outcome.title),
    warnings,
  );
}

export function summaryOf(outcomes: readonly DocumentImportOutcome[]): string {
  const counts = countOutcomes(outcomes);
  const documents = outcomes.length === 1 ? '1 document' : `${outcomes.length} documents`;
  return `${documents}: ${counts.imported} imported, ${counts['already-imported']} already in the library, ${counts.failed} not imported.`;
}
