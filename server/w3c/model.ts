/**
 * The part of the W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) that our
 * exports use, as JSON-LD under the model's own context: these are the shapes, not a general model.
 */
export const annotationContext = 'http://www.w3.org/ns/anno.jsonld';

/** The media type of an export: JSON-LD with the annotation profile (Web Annotation Protocol, 4.2). */
export const annotationMediaType = `application/ld+json; profile="${annotationContext}"`;

export interface TextualBody {
  type: 'TextualBody';
  /** commenting, questioning, editing, replying (the text), tagging (one tag), moderating (a notice). */
  purpose: string;
  value: string;
  format: 'text/markdown' | 'text/plain';
}

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** In Unicode code points, as the model counts; ours count UTF-16 units (shared/code-points.ts). */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface SpecificResource {
  type: 'SpecificResource';
  /** The IRI of the document version the positions are valid for. */
  source: string;
  /** Two descriptions of the same passage, alternatives in the model's sense. */
  selector: [TextQuoteSelector, TextPositionSelector];
}

export interface Person {
  id: string;
  type: 'Person';
  name: string;
}

export interface WebAnnotation {
  '@context': typeof annotationContext;
  id: string;
  /** The id the client that posted it gave it (Web Annotation Protocol); absent otherwise. */
  via?: string;
  type: 'Annotation';
  motivation: string;
  created: string;
  modified: string;
  creator: Person;
  /** Absent when there is nothing to say: a bare highlight, a deleted placeholder. */
  body?: TextualBody[];
  /** A passage of a document, or (for a reply) the IRI of the annotation it answers. */
  target: SpecificResource | string;
}

export interface AnnotationPage {
  id: string;
  type: 'AnnotationPage';
  startIndex: number;
  items: WebAnnotation[];
}

export interface AnnotationCollection {
  '@context': typeof annotationContext;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: AnnotationPage;
  last: string;
}
