/** The frame the sign-in and sign-up pages share: heading, form, and a link to the other page. */
import { el } from '../dom.ts';
import { pageHeading } from '../forms.ts';

export function showEntryPage(
  container: HTMLElement,
  page: { title: string; headingId: string; form: HTMLFormElement; aside: string; otherLink: { href: string; label: string } },
): void {
  const heading = pageHeading(page.title);
  heading.id = page.headingId;
  container.replaceChildren(
    el(
      'section',
      { class: 'account-page' },
      heading,
      page.form,
      el('p', { class: 'form-aside' }, page.aside, el('a', { href: page.otherLink.href, 'data-link': '' }, page.otherLink.label)),
    ),
  );
}
