/**
 * The pieces every form here is built from: a labelled field, a message line that screen readers
 * announce, and a busy state that stops a double submit. Labels are real <label for>, buttons real
 * <button>, so that the keyboard alone does everything.
 */
import { el } from './dom.ts';

let nextId = 0;

/** A fresh element id, for label ↔ control pairs. */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A label above its control, with an optional hint tied to it by aria-describedby. */
export function field(label: string, control: Control, hint?: string): HTMLElement {
  if (!control.id) control.id = uniqueId('field');
  const hintElement = hint ? el('span', { class: 'field-hint', id: `${control.id}-hint` }, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return el('div', { class: 'field' }, el('label', { for: control.id }, label), control, hintElement);
}

export function input(attrs: Record<string, string>): HTMLInputElement {
  return el('input', { type: 'text', ...attrs });
}

/** <select> with `[value, label]` options. */
export function select(options: readonly (readonly [string, string])[], attrs: Record<string, string> = {}, selected?: string): HTMLSelectElement {
  const element = el('select', attrs, ...options.map(([value, label]) => el('option', { value }, label)));
  if (selected !== undefined) element.value = selected;
  return element;
}

export interface MessageLine {
  element: HTMLElement;
  show(kind: 'error' | 'success' | 'info', text: string): void;
  clear(): void;
}

/**
 * A line for the outcome of an action. It is a live region from the start (empty), since a region
 * inserted together with its text is often not announced.
 */
export function messageLine(): MessageLine {
  const element = el('p', { class: 'form-message', 'aria-live': 'polite', role: 'status' });
  return {
    element,
    show(kind, text) {
      element.className = `form-message form-message-${kind}`;
      element.textContent = text;
    },
    clear() {
      element.className = 'form-message';
      element.textContent = '';
    },
  };
}

/**
 * Handles a form's submit with `handler`, ignoring further submits until it settles. Controls stay
 * enabled (a disabled button would drop the keyboard focus); `aria-busy` tells assistive technology.
 */
export function onSubmit(form: HTMLFormElement, handler: () => Promise<void>): void {
  let isBusy = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (isBusy) return;
    isBusy = true;
    form.setAttribute('aria-busy', 'true');
    void handler().finally(() => {
      isBusy = false;
      form.removeAttribute('aria-busy');
    });
  });
}

/** A page's heading, focusable by script so that a keyboard user lands on the new page's title. */
export function pageHeading(text: string): HTMLHeadingElement {
  return el('h1', { class: 'page-heading', tabindex: '-1' }, text);
}
