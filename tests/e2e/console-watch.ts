/**
 * Collects what a page reports as wrong: console errors (CSP violations among them, and every 4xx or
 * 5xx answer, which Chromium logs as an error), uncaught exceptions.
 */
import type { Page } from 'playwright-core';

export interface ConsoleWatch {
  problems: string[];
}

export function watchConsole(page: Page): ConsoleWatch {
  const watch: ConsoleWatch = { problems: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    watch.problems.push(`${page.url()}: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => watch.problems.push(`${page.url()}: uncaught ${error.message}`));
  return watch;
}

