/** What importing a new version of a document did to its annotations, as the library page says it. */
import type { NewVersionResult } from '../../shared/document.ts';
import { el } from '../dom.ts';

export function versionOutcome(title: string, result: NewVersionResult): HTMLElement[] {
  if (!result.created) return [el('p', {}, `This file already is version ${result.version} of “${title}”: nothing changed.`)];
  const moved = result.reanchored === 1 ? '1 annotation' : `${result.reanchored} annotations`;
  const lines: HTMLElement[] = [el('p', {}, `Version ${result.version} of “${title}” is imported; ${moved} moved onto it.`)];
  if (result.orphans.length > 0) {
    lines.push(
      el('p', {}, `${result.orphans.length} could not be placed on the new text; they stay on their version and show as orphans in the margin, where their authors may attach them again:`),
      el('ul', { class: 'import-outcome-warnings' }, ...result.orphans.map((orphan) => el('li', {}, el('q', {}, orphan.quote), ` — ${orphan.reason}`))),
    );
  }
  if (result.warnings.length > 0) lines.push(el('ul', { class: 'import-outcome-warnings' }, ...result.warnings.map((warning) => el('li', {}, warning))));
  return lines;
}
