/** A tag's colour as a small dot beside its name; an empty ring when the tag has no colour. */
import { el } from '../dom.ts';

export function tagSwatch(colour: string | null): HTMLElement {
  const swatch = el('span', { class: 'tag-swatch', 'aria-hidden': 'true' });
  if (colour) swatch.style.background = colour;
  return swatch;
}
