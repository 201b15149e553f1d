import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

// While its form is on its way a submit button is marked aria-disabled, not disabled: a disabled
// button drops the keyboard focus to the page. Marked, it sends nothing more, whichever way it is
// pressed, before React or Remix see the submission.
window.addEventListener(
  "submit",
  (event) => {
    if (event.submitter?.getAttribute("aria-disabled") !== "true") return;
    event.preventDefault();
    event.stopImmediatePropagation();
  },
  true,
);

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
