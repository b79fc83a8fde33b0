/**
 * Tells when the document's text may have reflowed, so that measured passage tops are forgotten: its
 * element changed size (the window or the column was resized) or a font finished loading. The first
 * size the observer reports is the one already measured, not a change.
 */
export function watchTextReflow(text: HTMLElement, onReflow: () => void): () => void {
  let size: string | null = null;
  const observer = new ResizeObserver(([entry]) => {
    const box = entry?.contentRect;
    if (!box) return;
    const next = `${box.width} ${box.height}`;
    const isChange = size !== null && size !== next;
    size = next;
    if (isChange) onReflow();
  });
  observer.observe(text);
  const onFonts = () => onReflow();
  document.fonts?.addEventListener('loadingdone', onFonts);
  return () => {
    observer.disconnect();
    document.fonts?.removeEventListener('loadingdone', onFonts);
  };
}
