/** What the seminar tests do on the account pages: fill and send the forms as a person would. */
import type { Page } from 'playwright-core';

export interface Person {
  name: string;
  email: string;
  password: string;
}

/** Fills /signup (already open) and sends it; resolves when the app has left the page. */
export async function signUpWithForm(page: Page, person: Person): Promise<void> {
  await page.getByLabel('Display name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => url.pathname !== '/signup');
}

export async function signInWithForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The member row of `name` on a group page, once it shows them online. */
export function waitForOnline(page: Page, name: string): Promise<unknown> {
  return page.locator('.member.is-online', { hasText: name }).waitFor();
}
