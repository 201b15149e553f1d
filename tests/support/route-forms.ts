/**
 * Route actions called in unit tests as a browser's form would call them: signed in, from our own
 * origin, url-encoded.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { signInCustomer } from "~/accounts/customer-session.server";
import { signIn } from "~/admin/auth.server";
import type { SessionUser } from "~/admin/user.server";
import type { FormResult } from "~/lib/forms";

/** The back-office session cookie of `user`, as signing in sets it. */
export async function backOfficeCookie(user: SessionUser) {
  const response = await signIn(new Request("http://localhost/admin/login"), user, "/admin");
  return response.headers.get("Set-Cookie")!.split(";")[0];
}

/** Posts `fields` to `path`'s `action` with `cookie`: the answer's status, and the form's result when it is refused. */
export async function postForm(
  action: (args: ActionFunctionArgs) => unknown,
  path: string,
  params: Record<string, string>,
  cookie: string,
  fields: Record<string, string>,
) {
  const answer = (await action({
    request: new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", Cookie: cookie },
      body: new URLSearchParams(fields).toString(),
    }),
    params,
    context: { cspNonce: "test" },
  })) as Response | { data: FormResult; init: { status: number } | null };
  if (answer instanceof Response) return { status: answer.status, result: undefined };
  return { status: answer.init?.status ?? 200, result: answer.data };
}

/** The buyer session cookie of `customer`, as signing in sets it. */
export async function buyerCookie(customer: { id: number }) {
  const response = await signInCustomer(new Request("http://localhost/sign-in"), () => customer.id, "/account");
  return response!.headers.get("Set-Cookie")!.split(";")[0];
}
