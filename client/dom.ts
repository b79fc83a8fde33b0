/** A tiny element builder: the views are small enough that a framework would be all ceremony. */
type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** A line that says what the page is doing or why it shows nothing. */
export function statusMessage(kind: 'loading' | 'empty' | 'error', text: string): HTMLElement {
  return el('p', { class: `status status-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}
