import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/ui/field";
import { ADMIN_HEADERS, assertSameOrigin, getSessionUser, safeAdminRedirect, signIn } from "~/lib/auth.server";
import { readForm } from "~/lib/request-body.server";
import { SignIn } from "~/lib/back-office-schema";
import { fieldErrors } from "~/lib/form-errors";
import { verifySignIn } from "~/models/user.server";

export const meta: MetaFunction = () => [{ title: "Sign in · IronAxis back office" }, { name: "robots", content: "noindex" }];

export const headers = () => ADMIN_HEADERS;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(safeAdminRedirect(new URL(request.url).searchParams.get("redirectTo")), { headers: ADMIN_HEADERS });
  return data(null, { headers: ADMIN_HEADERS });
}


export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = await readForm(request, 8 * 1024);
  const email = String(form.get("email") ?? "");
  const parsed = SignIn.safeParse({ email, password: form.get("password") ?? "" });
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error), email }, { status: 400, headers: ADMIN_HEADERS });
  }
  const result = await verifySignIn(parsed.data.email, parsed.data.password, context.clientIp ?? "unknown");
  if (!result.ok) {
    const message =
      result.reason === "throttled"
        ? "Too many failed sign-ins. Wait 15 minutes and try again."
        : "That e-mail and password do not match an account.";
    return data({ errors: { form: message }, email }, { status: result.reason === "throttled" ? 429 : 401, headers: ADMIN_HEADERS });
  }
  return signIn(request, result.user, safeAdminRedirect(form.get("redirectTo")));
}

export default function AdminLogin() {
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const errors: Record<string, string> = failed?.errors ?? {};
  return (
    <section className="narrow">
      <h1>Back office sign-in</h1>
      {errors.form ? (
        <p className="error-summary" role="alert">
          {errors.form}
        </p>
      ) : (
        <ErrorSummary errors={errors} />
      )}
      <Form method="post" className="panel">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField id="email" name="email" type="email" label="E-mail" autoComplete="username" required defaultValue={failed?.email} error={errors.email} />
        <TextField id="password" name="password" type="password" label="Password" autoComplete="current-password" required error={errors.password} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Signing in…" : "Sign in"}
        </button>
      </Form>
    </section>
  );
}
