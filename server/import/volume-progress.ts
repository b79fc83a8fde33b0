/**
 * How the import CLI shows a volume's progress on stderr: on a terminal, one bar redrawn in place;
 * in a log (stderr not a terminal), one line per document, so that nothing is lost to carriage returns.
 */
import { countOutcomes, type DocumentImportOutcome } from '../../shared/library-import.ts';
import type { VolumeStep } from './volume-import.ts';

const barWidth = 30;

export function describeOutcome(outcome: DocumentImportOutcome): string {
  if (outcome.status === 'failed') return `failed ${outcome.sourceId}: ${outcome.message}`;
  return `${outcome.status === 'imported' ? 'imported' : 'already imported'} ${outcome.documentId}`;
}

/** "[#########---------------------]  3/10 d7" sized for one terminal line, without its newline. */
export function progressBar(step: VolumeStep, columns = 80): string {
  const filled = Math.round((step.done / step.total) * barWidth);
  const head = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${String(step.done).padStart(String(step.total).length)}/${step.total} `;
  const room = Math.max(0, columns - head.length - 1);
  return head + `${step.outcome.sourceId} ${step.outcome.title}`.slice(0, room);
}

/** "[3/10] imported frus1981-88v05-d7" */
export function progressLine(step: VolumeStep): string {
  return `[${step.done}/${step.total}] ${describeOutcome(step.outcome)}`;
}

export function summary(outcomes: readonly DocumentImportOutcome[]): string {
  const counts = countOutcomes(outcomes);
  return `${outcomes.length} documents: ${counts.imported} imported, ${counts['already-imported']} already imported, ${counts.failed} failed`;
}
