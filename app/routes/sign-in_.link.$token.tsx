import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { signInCustomer } from "~/accounts/customer-session.server";
import { findSignInLink, redeemSignInLink, wasSignInLink } from "~/accounts/sign-in-code.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Sign in | IronAxis" }, { name: "robots", content: "noindex" }];

/**
 * An e-mailed sign-in link shows who it signs in and a button: opening it signs nobody in, so a
 * mail scanner that follows links cannot spend it. A link used or expired says so with a 410
 * (gone), one never sent with a 404, opened or pressed.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const email = findSignInLink(token)?.email ?? null;
  return data({ email }, { status: email ? 200 : deadLinkStatus(token) });
}

const deadLinkStatus = (token: string) => (wasSignInLink(token) ? 410 : 404);

export async function action({ request, params }: ActionFunctionArgs) {
  // Back where the buyer asked for the link from (`?redirectTo=`, checked by `safeAccountRedirect`).
  const back = new URL(request.url).searchParams.get("redirectTo") ?? "/account";
  const signedIn = await signInCustomer(request, () => redeemSignInLink(params.token ?? ""), back);
  if (signedIn) throw signedIn;
  return data({ spent: true }, { status: deadLinkStatus(params.token ?? "") });
}

export default function SignInLinkPage() {
  const { email } = useLoaderData<typeof loader>();
  const spent = useActionData<typeof action>()?.spent;
  return (
    <div className="narrow">
      <h1>Sign in</h1>
      {email && !spent ? (
        <Form method="post" className="panel">
          <p>
            Sign in as <strong>{email}</strong>.
          </p>
          <button type="submit" className="button">
            Sign in
          </button>
        </Form>
      ) : (
        <p className="notice" role="status">
          This sign-in link has expired or was already used. <Link to="/sign-in">Send yourself a new one</Link>.
        </p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
