/** A mention in a rendered body reads "@Name" and is not a link to the unknown `mention:` scheme. */
import { describe, expect, it } from 'vitest';
import { markdownHtml } from '../../client/margin/markdown.ts';

const userId = '11111111-1111-4111-8111-111111111111';

describe('rendering mentions in Markdown', () => {
  it('renders a mention as the name in a span, with no href', () => {
    const html = markdownHtml(`Ask [@Ana Ruiz](mention:${userId}) about it`);
    expect(html).toBe(`<p>Ask <span class="mention" data-user-id="${userId}">@Ana Ruiz</span> about it</p>\n`);
  });

  it('shows an escaped name as written and escapes what could be markup', () => {
    expect(markdownHtml(`[@A\\]na <b>](mention:${userId})`)).toContain(`<span class="mention" data-user-id="${userId}">@A]na &lt;b&gt;</span>`);
  });

  it('never makes a mention with a malformed id into a link', () => {
    const html = markdownHtml('[@Who](mention:"onclick=x) and [@Who](MENTION:abc)');
    expect(html).not.toContain('<a');
    expect(html).not.toContain('href');
    expect(html.match(/<span class="mention">@Who<\/span>/g)).toHaveLength(2);
  });

  it('keeps ordinary links as links that open in a new tab, beside a mention', () => {
    const html = markdownHtml(`[@Ana](mention:${userId}) read [the memo](https://history.state.gov/)`);
    expect(html).toContain('<a href="https://history.state.gov/" target="_blank" rel="noopener noreferrer">the memo</a>');
    expect(html).toContain(`<span class="mention" data-user-id="${userId}">@Ana</span>`);
  });
});
