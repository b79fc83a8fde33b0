/**
 * The citation of a FRUS document from its identifiers: the volume id ("frus1981-88v41") names the
 * series' years and the volume's number; a volume file's header may add the volume's own title
 * ("Global Issues II"). A document file cut out of a volume carries neither, so its volume comes
 * from its file name ("frus1981-88v41-d97.xml") or from whoever imports it.
 */
import type { Citation } from '../../shared/document.ts';
import { publisherUrl } from './tei-refs.ts';

const series = 'Foreign Relations of the United States';
const VOLUME_ID = /^frus(\d{4})(?:-(\d{2,4}))?(?:v(\d+))?(?:p(\d+))?$/;

/** The volume id in a file or slug name: "frus1981-88v41-d97.xml" → "frus1981-88v41". */
export function volumeIdFromName(name: string): string | null {
  const stem = name.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const match = /^(frus\d{4}(?:-\d{2,4})?(?:v\d+)?(?:p\d+)?)(?:-d\d+)?$/.exec(stem);
  return match ? match[1]! : null;
}

export interface VolumeTitles {
  /** "Volume V" */
  number?: string | undefined;
  /** "Soviet Union, March 1985–October 1986" */
  title?: string | undefined;
}

export function teiCitation(volumeId: string, documentId: string, documentNumber: string, firstPage: number | null, titles: VolumeTitles = {}): Citation {
  const match = VOLUME_ID.exec(volumeId);
  const years = match ? yearsOf(match[1]!, match[2]) : null;
  const number = titles.number ?? (match?.[3] ? `Volume ${roman(Number(match[3]))}${match[4] ? `, Part ${Number(match[4])}` : ''}` : volumeId);
  return {
    series: years ? `${series}, ${years}` : series,
    volume: titles.title ? `${number}, ${titles.title}` : number,
    document: documentNumber,
    firstPage,
    url: publisherUrl(volumeId, documentId),
  };
}

/** "1981", "88" → "1981–1988", as FRUS prints the span. */
function yearsOf(first: string, last: string | undefined): string {
  if (!last) return first;
  const full = last.length === 4 ? last : first.slice(0, 4 - last.length) + last;
  return `${first}–${full}`;
}

function roman(value: number): string {
  const numerals: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let rest = value;
  let out = '';
  for (const [amount, numeral] of numerals) {
    while (rest >= amount) {
      out += numeral;
      rest -= amount;
    }
  }
  return out;
}
