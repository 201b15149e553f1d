import { Form, type FormProps } from "@remix-run/react";
import { forwardRef } from "react";

/**
 * A form of sales' order page that must not act twice (ADR 46): it carries the page view's key,
 * and the browser does not put what was typed back into it when the page is reached again by
 * Back (`autoComplete="off"`). The page is never stored, so Back loads it anew with a new key:
 * values put back there would be sent as a new form, and recorded a second time.
 */
export const OnceForm = forwardRef<HTMLFormElement, FormProps & { requestKey: string }>(function OnceForm(
  { requestKey, children, ...form },
  ref,
) {
  return (
    <Form method="post" autoComplete="off" ref={ref} {...form}>
      <input type="hidden" name="requestKey" value={requestKey} />
      {children}
    </Form>
  );
});
