import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/ui/field";
import { assertSameOrigin, getSessionUser, safeAdminRedirect, signIn, signInClient } from "~/admin/auth.server";
import { readForm } from "~/lib/request-body.server";
import { SignIn } from "~/admin/back-office-schema";
import { typedOr, useFormResult, useIsPending, type FormResult } from "~/lib/forms";
import { constraintsOf, formErrorResult, invalid, parseForm } from "~/lib/forms.server";
import { describeWait } from "~/admin/sign-in-throttle";
import { verifySignIn } from "~/admin/user.server";

export const meta: MetaFunction = () => [
  { title: "Sign in · IronAxis back office" },
  { name: "robots", content: "noindex" },
];

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(safeAdminRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return data({ constraints: constraintsOf(SignIn) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = await readForm(request, 8 * 1024);
  // The password is checked but never sent back.
  const parsed = parseForm(SignIn, form, { omit: ["password"], extra: { password: form.get("password") ?? "" } });
  if (parsed.status === "error") return invalid(parsed, 400);
  const result = await verifySignIn(
    parsed.data.email,
    parsed.data.password,
    await signInClient(request, context.clientIp),
  );
  if (!result.ok && result.reason === "throttled") {
    const message = `Too many failed sign-ins. Try again in ${describeWait(result.retryAfterSeconds)}, or from a browser you have signed in with before.`;
    const headers = { "Retry-After": String(result.retryAfterSeconds) };
    return invalid(formErrorResult(parsed.values, message), 429, headers);
  }
  if (!result.ok) {
    const refused = formErrorResult(parsed.values, "That e-mail and password do not match an account.");
    return data<FormResult>(refused, { status: 401 });
  }
  return signIn(request, result.user, safeAdminRedirect(form.get("redirectTo")));
}

export default function AdminLogin() {
  const { constraints } = useLoaderData<typeof loader>();
  const failed = useFormResult();
  const [params] = useSearchParams();
  const signingIn = useIsPending({ state: "submitting" });
  const errors = failed?.fieldErrors ?? {};
  return (
    <section className="narrow">
      <h1>Back office sign-in</h1>
      <ErrorSummary errors={failed?.formError ? { form: failed.formError } : errors} />
      <Form method="post" className="panel">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField
          id="email"
          name="email"
          type="email"
          label="E-mail"
          autoComplete="email"
          {...constraints.email}
          defaultValue={typedOr(failed, "email", "")}
          error={errors.email}
        />
        <TextField
          id="password"
          name="password"
          type="password"
          label="Password"
          autoComplete="current-password"
          {...constraints.password}
          error={errors.password}
        />
        <button type="submit" className="button" aria-disabled={signingIn || undefined}>
          {signingIn ? "Signing in…" : "Sign in"}
        </button>
      </Form>
    </section>
  );
}
