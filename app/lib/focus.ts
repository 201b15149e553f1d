/**
 * Moves the keyboard focus to `element`, made focusable for it: a page's or a list's heading (or
 * a message just sent), where a screen reader then starts reading, as on a page loaded afresh.
 */
export function focusHeading(element: HTMLElement | null, options?: FocusOptions) {
  if (!element) return;
  element.tabIndex = -1;
  element.focus(options);
}
