import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import { useRevalidator } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { TextField } from "~/components/ui/field";
import { PASSKEY_NAME_MAX } from "~/accounts/passkey-rules";
import { ceremonyError, postPasskeyJson, usePasskeySupport } from "./passkey-client";

/**
 * "Add a passkey" on the security page: asks the server for options, lets the browser make the
 * passkey, sends it back. Needs JavaScript; without it the page says so.
 */
export function AddPasskey({ atLimit }: { atLimit: boolean }) {
  const support = usePasskeySupport();
  const revalidator = useRevalidator();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean }>({ text: "", error: false });

  if (support === "unknown")
    return (
      <p className="muted">
        Adding a passkey needs JavaScript. Signing in with a code sent to your e-mail always works.
      </p>
    );
  if (support === "unsupported")
    return (
      <p className="muted">
        This browser cannot make passkeys. Signing in with a code sent to your e-mail always works.
      </p>
    );

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    const form = event.currentTarget;
    setBusy(true);
    setStatus({ text: "Waiting for your device…", error: false });
    const options = await postPasskeyJson<PublicKeyCredentialCreationOptionsJSON>("/account/security/passkeys/options");
    if (!options.ok) return finish(options.error, true);
    let response;
    try {
      response = await startRegistration({ optionsJSON: options.json });
    } catch (caught) {
      return finish(ceremonyError(caught, "Adding the passkey was cancelled."), true);
    }
    const saved = await postPasskeyJson("/account/security/passkeys/verify", { response, name });
    if (!saved.ok) return finish(saved.error, true);
    form.reset();
    revalidator.revalidate();
    finish("Passkey added: you can sign in with it next time.", false);
  }

  function finish(text: string, error: boolean) {
    setStatus({ text, error });
    setBusy(false);
  }

  return (
    <form className="panel" onSubmit={add} aria-labelledby="add-passkey-heading">
      <h2 id="add-passkey-heading">Add a passkey</h2>
      <TextField
        id="passkey-name"
        name="name"
        label="Name (optional)"
        hint="Which device it is on, e.g. “Work laptop”"
        maxLength={PASSKEY_NAME_MAX}
        autoComplete="off"
      />
      <button type="submit" className="button" disabled={atLimit} aria-disabled={busy || undefined}>
        Add a passkey
      </button>
      <p role="status" className={status.error ? "field-error" : "muted"}>
        {status.text}
      </p>
    </form>
  );
}
