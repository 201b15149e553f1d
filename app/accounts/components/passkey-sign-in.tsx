import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { ceremonyError, postPasskeyJson, usePasskeySupport } from "./passkey-client";

/**
 * "Sign in with a passkey" on the sign-in page: shown only once the page has hydrated in a
 * browser that has passkeys (it needs JavaScript); no e-mail is typed, the passkey says who.
 */
export function PasskeySignIn() {
  const support = usePasskeySupport();
  const [search] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  if (support !== "supported") return null;

  async function signIn() {
    setBusy(true);
    setError("");
    const options = await postPasskeyJson<PublicKeyCredentialRequestOptionsJSON>("/sign-in/passkey/options");
    if (!options.ok) return fail(options.error);
    let response;
    try {
      response = await startAuthentication({ optionsJSON: options.json });
    } catch (caught) {
      return fail(ceremonyError(caught, "The passkey sign-in was cancelled."));
    }
    const verified = await postPasskeyJson<{ redirectTo: string }>("/sign-in/passkey/verify", {
      response,
      redirectTo: search.get("redirectTo") ?? undefined,
    });
    if (!verified.ok) return fail(verified.error);
    // A whole page load: every part of the page (the header's account link too) sees the new session.
    window.location.assign(verified.json.redirectTo);
  }

  function fail(message: string) {
    setError(message);
    setBusy(false);
  }

  return (
    <div className="passkey-sign-in">
      <button type="button" className="button button--secondary" onClick={signIn} disabled={busy}>
        Sign in with a passkey
      </button>
      {/* Rendered from the first press on (the page's own status notices stay the only ones before). */}
      {busy || error ? (
        <p role="status" className={error ? "field-error" : "muted"}>
          {error || "Waiting for your passkey…"}
        </p>
      ) : null}
    </div>
  );
}
