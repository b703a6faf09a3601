import type { AfterNavigate } from '$app/navigation';

/**
 * After a page change, focus goes to the new page's main heading (not to `<body>`), so a screen
 * reader announces where the user is and the keyboard starts from there. A change within the
 * same page (a tab of the work list, a filter in the address) leaves focus where it is; the first
 * load too, where the browser's own start is right.
 */
export function focusHeading(nav: AfterNavigate): void {
  if (nav.type === 'enter' || !nav.to) return;
  if (nav.from && nav.from.url.pathname === nav.to.url.pathname) return;
  focusMainHeading();
}

function focusMainHeading(): void {
  const h1 = document.querySelector<HTMLElement>('main h1');
  if (!h1) return;
  if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
  h1.focus();
}

/**
 * After a form's action: if focus fell off (the button it was on got disabled or removed),
 * bring it to the outcome (the error, else the notice), else to the form's first field; if the
 * form itself is gone, to the page's heading.
 */
export function keepFocusIn(form: HTMLFormElement | undefined): void {
  const active = document.activeElement;
  if (!form || !form.isConnected) {
    // the form made way for another view at the same address (signed in: the list)
    if (!active || active === document.body) focusMainHeading();
    return;
  }
  if (active && active !== document.body && form.contains(active) && !(active as HTMLButtonElement).disabled) return;
  if (active && active !== document.body && !form.contains(active)) return;
  const target =
    form.querySelector<HTMLElement>('[role="alert"], [role="status"]') ?? form.querySelector<HTMLElement>('textarea, input:not([type="hidden"]), select');
  target?.focus();
}
