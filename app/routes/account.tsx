import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { approvalsWaitingFor } from "~/accounts/approvals.server";
import { requireCustomer } from "~/accounts/customer-session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export async function loader({ request }: LoaderFunctionArgs) {
  const customer = await requireCustomer(request);
  const { email, name, companyName, companyId } = customer;
  return { email, name, companyName, inCompany: companyId !== null, approvals: approvalsWaitingFor(customer) };
}

/** Every account page: who is signed in, the account's sections, and signing out. */
export default function AccountLayout() {
  const { email, name, companyName, inCompany, approvals } = useLoaderData<typeof loader>();
  return (
    <div className="account">
      <div className="account__bar">
        <p className="muted">
          Signed in as {name ? `${name} (${email})` : email}
          {companyName ? `, ${companyName}` : ""}
        </p>
        {/* "Sign out everywhere" is on the security page, beside the count of signed-in browsers. */}
        <Form method="post" action="/account/sign-out">
          <button type="submit" className="button button--secondary">
            Sign out
          </button>
        </Form>
      </div>
      <nav aria-label="Account" className="account__nav">
        <NavLink to="/account" end prefetch="intent">
          Requests and orders
        </NavLink>
        <NavLink to="/account/lists" prefetch="intent">
          Lists
        </NavLink>
        <NavLink to="/account/security" prefetch="intent">
          Sign-in and security
        </NavLink>
        <NavLink to="/account/company" prefetch="intent">
          Company
        </NavLink>
        {inCompany ? (
          <NavLink to="/account/addresses" prefetch="intent">
            Addresses
          </NavLink>
        ) : null}
        {inCompany ? (
          <NavLink to="/account/approvals" prefetch="intent">
            Approvals{approvals ? ` (${approvals} waiting)` : ""}
          </NavLink>
        ) : null}
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
