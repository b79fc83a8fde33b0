/**
 * Browser pages signed in as test users: each in a context of its own (its own cookies, its own
 * offline switch), watched for console errors, closed together at the end.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestUser } from '../helpers/http-client.ts';
import { watchConsole, type ConsoleWatch } from './console-watch.ts';

export interface SignedInPages {
  contexts: BrowserContext[];
  watches: ConsoleWatch[];
  /** Opens `path` as `user`; on a document page, waits until its room is live. */
  openAs(user: TestUser, path: string): Promise<Page>;
  closeAll(): Promise<void>;
}

export function signedInPages(browser: Browser, baseUrl: () => string): SignedInPages {
  const contexts: BrowserContext[] = [];
  const watches: ConsoleWatch[] = [];
  return {
    contexts,
    watches,
    async openAs(user, path) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
      contexts.push(context);
      const cookie = user.client.cookie?.split('=') ?? [];
      await context.addCookies([{ name: cookie[0] ?? '', value: cookie.slice(1).join('='), url: baseUrl() }]);
      const page = await context.newPage();
      watches.push(watchConsole(page));
      await page.goto(`${baseUrl()}${path}`);
      if (path.includes('/documents/')) await page.locator('.connection[data-state="live"]').waitFor();
      return page;
    },
    async closeAll() {
      for (const context of contexts) await context.close();
    },
  };
}
