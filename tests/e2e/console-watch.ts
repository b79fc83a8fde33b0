/**
 * Collects what a page reports as wrong: console errors (CSP violations among them), uncaught
 * exceptions. A 401 from GET /api/me is how a visitor's session is learnt, and Chromium logs every
 * 4xx as a console error, so that one answer is expected and left out.
 */
import type { ConsoleMessage, Page } from 'playwright-core';

export interface ConsoleWatch {
  problems: string[];
}

export function watchConsole(page: Page): ConsoleWatch {
  const watch: ConsoleWatch = { problems: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error' || isExpectedVisitorCheck(message)) return;
    watch.problems.push(`${page.url()}: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => watch.problems.push(`${page.url()}: uncaught ${error.message}`));
  return watch;
}

function isExpectedVisitorCheck(message: ConsoleMessage): boolean {
  return message.text().includes('status of 401') && new URL(message.location().url).pathname === '/api/me';
}
