/**
 * Annotation bodies are Markdown, rendered safely: raw HTML is text (html: false), and every link
 * opens in a new tab without handing the opener to the linked page. A mention,
 * `[@Name](mention:<userId>)` (shared/notifications.ts), is no link at all: it renders as the name
 * in a `span.mention`, so the browser is never asked to open the `mention:` scheme.
 */
import MarkdownIt, { type StateCore } from 'markdown-it';

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

const userIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Turns each `mention:` link into a span; links do not nest, so the next close is its own. */
function mentionsAsSpans(state: StateCore): void {
  for (const block of state.tokens) {
    const children = block.type === 'inline' ? block.children : null;
    if (!children) continue;
    let isInMention = false;
    for (const token of children) {
      if (token.type === 'link_open' && /^mention:/i.test(token.attrGet('href') ?? '')) {
        const userId = (token.attrGet('href') ?? '').slice('mention:'.length);
        token.type = 'mention_open';
        token.tag = 'span';
        token.attrs = [['class', 'mention'], ...(userIdPattern.test(userId) ? [['data-user-id', userId] as [string, string]] : [])];
        isInMention = true;
      } else if (token.type === 'link_close' && isInMention) {
        token.type = 'mention_close';
        token.tag = 'span';
        isInMention = false;
      }
    }
  }
}
markdown.core.ruler.push('mentions', mentionsAsSpans);

/** The HTML of a body: every text escaped, every markup the author typed shown as text. */
export const markdownHtml = (source: string): string => markdown.render(source);

/** A container holding the rendered body. */
export function renderMarkdown(source: string, className = 'markdown'): HTMLElement {
  const container = document.createElement('div');
  container.className = className;
  // markdown-it escapes all text and, with html: false, all markup the author typed.
  container.innerHTML = markdownHtml(source);
  return container;
}
