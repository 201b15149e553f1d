import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { COMPANY_ROLE_LABEL } from "~/accounts/company-roles";
import { acceptInvitation, findInvitationFor } from "~/accounts/company.server";
import { requireCustomer } from "~/accounts/customer-session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTimeUtc } from "~/lib/dates";
import { useIsPending } from "~/lib/forms";
import { formatMoney } from "~/lib/money";

export const meta: MetaFunction = () => [{ title: "Invitation · IronAxis" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const customer = await requireCustomer(request);
  const found = findInvitationFor(customer, params.token ?? "");
  if (!found.ok)
    return data({ invitation: null, refusal: found.message, email: customer.email }, { status: found.status });
  return data({ invitation: found.invitation, refusal: null, email: customer.email });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const customer = await requireCustomer(request);
  const accepted = acceptInvitation(customer, params.token ?? "");
  if (!accepted.ok) return data({ refusal: accepted.message }, { status: accepted.status });
  return redirect("/account/company?done=joined");
}

export default function Invitation() {
  const { invitation, refusal, email } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>()?.refusal ?? refusal;
  const pending = useIsPending();
  return (
    <section aria-labelledby="invitation-heading" className="narrow">
      <h1 id="invitation-heading">
        {invitation ? `Join ${invitation.companyName} on IronAxis` : "Invitation to a company"}
      </h1>
      {refused ? (
        <p className="field-error" role="alert">
          {refused}
        </p>
      ) : null}
      {invitation ? (
        <>
          <p>
            You are invited as <strong>{COMPANY_ROLE_LABEL[invitation.role]}</strong>
            {invitation.spendingLimitCents === null
              ? ", with no spending limit"
              : `, with a spending limit of ${formatMoney(invitation.spendingLimitCents)}`}
            . You are signed in as {email}. The invitation works until {formatDateTimeUtc(invitation.expiresAt)}.
          </p>
          <p className="muted">If you leave the company later, the requests and orders you made for it stay with it.</p>
          <Form method="post">
            <button type="submit" className="button" aria-disabled={pending || undefined}>
              Accept
            </button>
          </Form>
        </>
      ) : (
        <p>
          <Link to="/account">Go to your account</Link>
        </p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
