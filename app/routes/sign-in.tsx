import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { PasskeySignIn } from "~/accounts/components/passkey-sign-in";
import { redirectSignedIn, signInAction } from "~/accounts/sign-in.server";
import { SIGN_IN_INTENT, SIGN_IN_LABELS } from "~/accounts/sign-in-intents";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormError, TextField, useFocusOnRefusal } from "~/components/ui/field";
import { useFormResult, useIsPending } from "~/lib/forms";

export const meta: MetaFunction = () => [{ title: "Sign in | IronAxis" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return redirectSignedIn(request);
}

export async function action({ request, context }: ActionFunctionArgs) {
  return signInAction(request, context.clientIp);
}

const SIGNED_OUT: Record<string, string> = {
  "1": "You are signed out.",
  everywhere: "You are signed out on every device.",
};

/**
 * Sign-in without a password: the buyer's e-mail gets a 6-digit code and a link. The first
 * sign-in with an address makes the account. Works without JavaScript.
 */
export default function SignInPage() {
  const { redirectTo, signedOut } = useLoaderData<typeof loader>();
  const result = useFormResult();
  const sending = useIsPending({ intent: SIGN_IN_INTENT.send });
  const verifying = useIsPending({ intent: SIGN_IN_INTENT.verify });
  const codeStep =
    (result?.intent === SIGN_IN_INTENT.send && result.status === "success") || result?.intent === SIGN_IN_INTENT.verify;
  const email = result?.values.email ?? "";
  const back = result?.values.redirectTo ?? redirectTo;
  const emailForm = useRef<HTMLFormElement>(null);
  const refusedAt = useFocusOnRefusal(emailForm, result?.intent === SIGN_IN_INTENT.send ? result : undefined);
  // Once the code is sent (or refused), the code field is where the buyer goes next.
  useEffect(() => {
    if (codeStep) document.getElementById("sign-in-code")?.focus();
  }, [codeStep, result]);

  return (
    <div className="narrow">
      <h1>Sign in</h1>
      <FormError result={result} />
      {signedOut && SIGNED_OUT[signedOut] ? (
        <p className="notice" role="status">
          {SIGNED_OUT[signedOut]}
        </p>
      ) : null}
      {codeStep ? (
        <>
          {result?.message ? (
            <p className="notice" role="status">
              {result.message}
            </p>
          ) : null}
          <Form method="post" className="panel" aria-label="Enter your code">
            <input type="hidden" name="intent" value={SIGN_IN_INTENT.verify} />
            <input type="hidden" name="email" value={email} />
            <input type="hidden" name="redirectTo" value={back} />
            <TextField
              id="sign-in-code"
              name="code"
              label={SIGN_IN_LABELS.code}
              hint={`The 6 digits in the e-mail we sent to ${email}`}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={20}
              required
              defaultValue={result?.intent === SIGN_IN_INTENT.verify ? result.values.code : ""}
              error={result?.fieldErrors.code}
              // Where the buyer goes next, without JavaScript too (the effect above does it with it).
              autoFocus
            />
            <button type="submit" className="button" aria-disabled={verifying || undefined}>
              {verifying ? "Signing in…" : "Sign in"}
            </button>
          </Form>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value={SIGN_IN_INTENT.send} />
            <input type="hidden" name="email" value={email} />
            <input type="hidden" name="redirectTo" value={back} />
            <button type="submit" className="button button--secondary">
              {sending ? "Sending…" : "Send a new code"}
            </button>{" "}
            <Link to={back ? `/sign-in?redirectTo=${encodeURIComponent(back)}` : "/sign-in"}>Use another e-mail</Link>
          </Form>
        </>
      ) : (
        <Form method="post" className="panel" aria-label="Sign in by e-mail" ref={emailForm}>
          <p>We will e-mail you a code and a link to sign in with: there is no password to remember.</p>
          <input type="hidden" name="intent" value={SIGN_IN_INTENT.send} />
          <input type="hidden" name="redirectTo" value={back} />
          <TextField
            id="sign-in-email"
            name="email"
            type="email"
            label={SIGN_IN_LABELS.email}
            autoComplete="email webauthn"
            maxLength={254}
            required
            defaultValue={email}
            error={result?.fieldErrors.email}
            autoFocus={refusedAt("email")}
          />
          <button type="submit" className="button" aria-disabled={sending || undefined}>
            {sending ? "Sending…" : "Send me a code"}
          </button>
        </Form>
      )}
      <PasskeySignIn />
      <p className="muted">
        No account yet? Signing in with your work e-mail makes one. Quote requests sent from that address can then be
        added to it.
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
