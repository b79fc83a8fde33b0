/** One message carried across a navigation ("You left …"), shown once by the page that follows. */
let pending: string | null = null;

export function setFlash(text: string): void {
  pending = text;
}

export function takeFlash(): string | null {
  const text = pending;
  pending = null;
  return text;
}
