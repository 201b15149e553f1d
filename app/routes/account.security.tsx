import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { AddPasskey } from "~/accounts/components/add-passkey";
import { countSessions, requireCustomer } from "~/accounts/customer-session.server";
import { PASSKEY_INTENT, PASSKEYS_PER_CUSTOMER } from "~/accounts/passkey-rules";
import { PasskeyForm } from "~/accounts/passkey-schema";
import { listPasskeys, removePasskey, renamePasskey } from "~/accounts/passkeys.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/ui/field";
import { writeTransaction } from "~/lib/db.server";
import { formatDateTimeUtc } from "~/lib/dates";
import { typedOr, useFormResult, useIsPending, type FieldConstraint } from "~/lib/forms";
import { constraintsOf, formErrorResult, invalid, parseForm } from "~/lib/forms.server";
import { plural } from "~/lib/plural";
import { readForm } from "~/lib/request-body.server";

export const meta: MetaFunction = () => [{ title: "Sign-in and security · IronAxis" }];

const SAVED: Record<string, string> = {
  renamed: "Passkey renamed.",
  removed: "Passkey removed: it signs in no more.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const customer = await requireCustomer(request);
  return data({
    passkeys: listPasskeys(customer.id),
    sessions: countSessions(customer.id),
    constraints: constraintsOf(PasskeyForm),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const customer = await requireCustomer(request);
  const parsed = parseForm(PasskeyForm, await readForm(request, 4 * 1024));
  if (parsed.status === "error") return invalid(parsed, 400);
  const form = parsed.data;
  const done =
    form.intent === PASSKEY_INTENT.rename
      ? writeTransaction(() => renamePasskey(customer.id, form.id, form.name))
      : writeTransaction(() => removePasskey(customer.id, form.id));
  if (!done)
    return invalid(formErrorResult(parsed.values, "This passkey was removed meanwhile.", { intent: form.intent }), 404);
  return redirect(`/account/security?saved=${form.intent === PASSKEY_INTENT.rename ? "renamed" : "removed"}`);
}

type Passkey = { id: string; name: string; createdAt: string; lastUsedAt: string | null };

function PasskeyRow({ passkey, nameConstraint }: { passkey: Passkey; nameConstraint?: FieldConstraint }) {
  const failed = useFormResult();
  const mine = failed && failed.values.id === passkey.id;
  const fieldId = `name-${passkey.id}`;
  const errors = mine && failed.fieldErrors.name ? { [fieldId]: failed.fieldErrors.name } : {};
  const renaming = useIsPending({ intent: PASSKEY_INTENT.rename });
  return (
    <li className="panel">
      <h3>{passkey.name}</h3>
      <p className="muted">
        Added {formatDateTimeUtc(passkey.createdAt)} · Last used{" "}
        {passkey.lastUsedAt ? formatDateTimeUtc(passkey.lastUsedAt) : "never"}
      </p>
      {mine && failed.formError ? (
        <p className="field-error" role="alert">
          {failed.formError}
        </p>
      ) : null}
      <Form method="post" key={passkey.name}>
        <ErrorSummary errors={errors} />
        <input type="hidden" name="id" value={passkey.id} />
        <TextField
          id={fieldId}
          name="name"
          label={`New name for “${passkey.name}”`}
          {...nameConstraint}
          defaultValue={mine ? typedOr(failed, "name", passkey.name) : passkey.name}
          error={errors[fieldId]}
          autoComplete="off"
        />
        <button
          type="submit"
          name="intent"
          value={PASSKEY_INTENT.rename}
          className="button"
          aria-disabled={renaming || undefined}
        >
          Rename
        </button>
      </Form>
      <Form method="post">
        <input type="hidden" name="id" value={passkey.id} />
        <button type="submit" name="intent" value={PASSKEY_INTENT.remove} className="button button--secondary">
          Remove <span className="visually-hidden">“{passkey.name}”</span>
        </button>
      </Form>
    </li>
  );
}

export default function AccountSecurity() {
  const { passkeys, sessions, constraints } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const answered = useFormResult();
  const saved = SAVED[search.get("saved") ?? ""];
  return (
    <section aria-labelledby="security-heading">
      <h1 id="security-heading">Sign-in and security</h1>
      {saved && !answered ? (
        <p className="notice" role="status">
          {saved}
        </p>
      ) : null}
      <h2>Passkeys</h2>
      <p>
        A passkey signs you in with this device’s screen lock or a security key, without waiting for an e-mail. The code
        sent to your e-mail always works too.
      </p>
      {passkeys.length ? (
        <ul className="panel-list">
          {passkeys.map((passkey) => (
            <PasskeyRow key={passkey.id} passkey={passkey} nameConstraint={constraints.name} />
          ))}
        </ul>
      ) : (
        <p className="muted">You have no passkeys yet.</p>
      )}
      {passkeys.length >= PASSKEYS_PER_CUSTOMER ? (
        <p className="notice">
          You have {PASSKEYS_PER_CUSTOMER} passkeys, the most an account keeps: remove one to add another.
        </p>
      ) : null}
      <AddPasskey atLimit={passkeys.length >= PASSKEYS_PER_CUSTOMER} />
      <section aria-labelledby="browsers-heading">
        <h2 id="browsers-heading">Signed-in browsers</h2>
        <p>
          You are signed in on {plural(sessions, "browser")}. Lost a laptop, or used a shared computer? Sign out
          everywhere, this browser too.
        </p>
        <Form method="post" action="/account/sign-out">
          <input type="hidden" name="intent" value="everywhere" />
          <button type="submit" className="button button--secondary">
            Sign out everywhere
          </button>
        </Form>
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
