/**
 * Headers of the pages behind a buyer's private link (`/quotes/<token>`, `/orders/<token>`):
 * never cached, never indexed, and the link never sent to another site as a Referer. The policy
 * is "same-origin" rather than "no-referrer": with no referrer at all, the browser sends
 * `Origin: null` on the page's own form posts, which the cross-site check refuses, and the
 * forms would not work without JavaScript.
 */
export const PRIVATE_LINK_HEADERS = { "Cache-Control": "private, no-store", "Referrer-Policy": "same-origin", "X-Robots-Tag": "noindex" };
