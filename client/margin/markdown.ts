/**
 * Annotation bodies are Markdown, rendered safely: raw HTML is text (html: false), and every link
 * opens in a new tab without handing the opener to the linked page.
 */
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });
const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer');
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** A container holding the rendered body. */
export function renderMarkdown(source: string, className = 'markdown'): HTMLElement {
  const container = document.createElement('div');
  container.className = className;
  // markdown-it escapes all text and, with html: false, all markup the author typed.
  container.innerHTML = markdown.render(source);
  return container;
}
