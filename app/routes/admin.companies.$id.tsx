import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ADDRESS_KIND_LABEL } from "~/accounts/address-intents";
import { SALES_COMPANY_INTENT } from "~/accounts/company-intents";
import { AddressLines } from "~/accounts/components/address-forms";
import { COMPANY_ROLE_LABEL } from "~/accounts/company-roles";
import { PaymentTermsForm } from "~/accounts/components/payment-terms-form";
import { TaxCertificateReview } from "~/accounts/components/tax-certificate";
import { reviewTaxCertificate, salesTaxCertificate } from "~/accounts/tax-certificate-page.server";
import { SalesCompanyForm } from "~/accounts/sales-company-schema";
import { salesCompanyPage, setAccountOwner, setPaymentTerms } from "~/accounts/sales-companies.server";
import { requireUser } from "~/admin/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SelectField } from "~/components/ui/field";
import { typedOr, useFormResult } from "~/lib/forms";
import { constraintsOf, invalid, parseForm } from "~/lib/forms.server";
import { readForm } from "~/lib/request-body.server";
import { formatDateTimeUtc } from "~/lib/dates";
import { formatMoney } from "~/lib/money";
import { ORDER_STATUS_LABEL } from "~/orders/order-lifecycle";
import { QUOTE_STATUS_LABEL } from "~/quotes/quote-lifecycle";
import { idParam } from "~/lib/route-params";
import { TableScroll } from "~/components/ui/table-scroll";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.company.name ?? "Company"} · IronAxis back office` },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin", "sales"]);
  const id = idParam(params.id);
  const page = salesCompanyPage(id);
  if (!page) throw new Response("Company not found", { status: 404 });
  return data({ ...page, taxCertificate: salesTaxCertificate(id), constraints: constraintsOf(SalesCompanyForm) });
}

const GONE = "That company or user is not there any more: reload the page.";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin", "sales"]);
  const id = idParam(params.id);
  if (id === 0) throw new Response("Company not found", { status: 404 });
  const parsed = parseForm(SalesCompanyForm, await readForm(request, 16 * 1024));
  if (parsed.status === "error") return invalid(parsed, 400);
  const form = parsed.data;
  switch (form.intent) {
    case SALES_COMPANY_INTENT.owner:
      if (!setAccountOwner(id, form.accountOwnerId))
        return invalid(
          { status: "error", intent: form.intent, fieldErrors: { accountOwnerId: GONE }, values: parsed.values },
          404,
        );
      return redirect(`/admin/companies/${id}?saved=owner`);
    case SALES_COMPANY_INTENT.terms:
      if (!setPaymentTerms(id, form.paymentTerms, form.creditLimitCents))
        return invalid(
          { status: "error", intent: form.intent, fieldErrors: { paymentTerms: GONE }, values: parsed.values },
          404,
        );
      return redirect(`/admin/companies/${id}?saved=terms`);
    case SALES_COMPANY_INTENT.approveCertificate:
    case SALES_COMPANY_INTENT.rejectCertificate: {
      const decision =
        form.intent === SALES_COMPANY_INTENT.approveCertificate
          ? { approved: true as const, expiresOn: form.expiresOn }
          : { approved: false as const, reason: form.reason };
      return reviewTaxCertificate(id, { ...form, decision }, parsed.values, user);
    }
  }
}

/** Below a shortened history: the whole of it, in the back office's list of that kind. */
const more = (shown: number, total: number, what: string, to: string) =>
  total > shown ? (
    <p>
      The latest {shown} of {total}.{" "}
      <Link to={to}>
        All {total} {what}
      </Link>
    </p>
  ) : null;

export default function AdminCompany() {
  const {
    company,
    credit,
    constraints,
    owners,
    people,
    addresses,
    requests,
    orders,
    requestCount,
    orderCount,
    openQuoteCents,
    lifetimeCents,
    taxCertificate,
  } = useLoaderData<typeof loader>();
  const failed = useFormResult(SALES_COMPANY_INTENT.owner);
  const [search] = useSearchParams();
  return (
    <section aria-labelledby="company-heading">
      <p>
        <Link to="/admin/companies">← Companies</Link>
      </p>
      <h1 id="company-heading">{company.name}</h1>
      <dl className="stats">
        <div>
          <dt>Open quote value</dt>
          <dd>{formatMoney(openQuoteCents)}</dd>
        </div>
        <div>
          <dt>Lifetime value</dt>
          <dd>{formatMoney(lifetimeCents)}</dd>
        </div>
        <div>
          <dt>Customer since</dt>
          <dd>{formatDateTimeUtc(company.createdAt)}</dd>
        </div>
      </dl>
      <p>
        <Link to={`/admin/companies/${company.id}/prices`}>Price list</Link>: discounts and fixed prices its buyers see
        and pay.
      </p>
      <Form method="post" className="inline-form" aria-label="Account owner">
        <input type="hidden" name="intent" value={SALES_COMPANY_INTENT.owner} />
        <SelectField
          id="accountOwnerId"
          name="accountOwnerId"
          label="Account owner"
          hint="Told of the company’s new requests and messages; without one, the shared sales address is."
          options={[
            ["", "Nobody"],
            ...owners.map((user) => [String(user.id), `${user.name} (${user.email})`] as const),
          ]}
          defaultValue={typedOr(failed, "accountOwnerId", company.accountOwnerId)}
          error={failed?.fieldErrors.accountOwnerId}
        />
        <button type="submit" className="button button--secondary">
          Save owner
        </button>
        {search.get("saved") === "owner" && !failed ? (
          <span role="status" className="muted">
            Saved.
          </span>
        ) : null}
      </Form>
      <PaymentTermsForm credit={credit} saved={search.get("saved") === "terms"} constraints={constraints} />
      <TaxCertificateReview companyId={company.id} {...taxCertificate} constraints={constraints} />
      <h2 id="people-heading">People ({people.length})</h2>
      {people.length ? (
        <TableScroll labelledBy="people-heading">
          <table className="data-table" aria-labelledby="people-heading">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Spending limit</th>
                <th scope="col">Last sign-in</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <td>{person.name || "—"}</td>
                  <td>{person.email}</td>
                  <td>{person.role ? COMPANY_ROLE_LABEL[person.role] : "—"}</td>
                  <td>{person.spendingLimitCents === null ? "No limit" : formatMoney(person.spendingLimitCents)}</td>
                  <td>{person.lastSignInAt ? formatDateTimeUtc(person.lastSignInAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>Nobody is in this company now; its history stays here.</p>
      )}
      <h2 id="addresses-heading">Addresses ({addresses.length})</h2>
      {addresses.length ? (
        <ul className="address-list" aria-labelledby="addresses-heading">
          {addresses.map((address) => (
            <li key={address.id}>
              <strong>{address.label}</strong> ({ADDRESS_KIND_LABEL[address.kind].toLowerCase()}
              {address.isDefault ? ", default" : ""})
              <AddressLines text={address.address} />
            </li>
          ))}
        </ul>
      ) : (
        <p>No saved addresses: its company admin keeps them at /account/addresses.</p>
      )}
      <h2 id="requests-heading">Quote requests ({requestCount})</h2>
      {requests.length ? (
        <TableScroll labelledBy="requests-heading">
          <table className="data-table" aria-labelledby="requests-heading">
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Contact</th>
                <th scope="col">Status</th>
                <th scope="col">Current quote</th>
                <th scope="col">Sent</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.id}>
                  <td>
                    <Link to={`/admin/quotes/${request.id}`} prefetch="intent">
                      {request.reference}
                    </Link>
                  </td>
                  <td>{request.contactName}</td>
                  <td>{QUOTE_STATUS_LABEL[request.status]}</td>
                  <td>{request.totalCents === null ? "—" : formatMoney(request.totalCents)}</td>
                  <td>{formatDateTimeUtc(request.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>No quote requests yet.</p>
      )}
      {more(requests.length, requestCount, "quote requests", `/admin/quotes?view=all&company=${company.id}`)}
      <h2 id="orders-heading">Orders ({orderCount})</h2>
      {orders.length ? (
        <TableScroll labelledBy="orders-heading">
          <table className="data-table" aria-labelledby="orders-heading">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Contact</th>
                <th scope="col">Status</th>
                <th scope="col">Total</th>
                <th scope="col">Placed</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id}>
                  <td>
                    <Link to={`/admin/orders/${order.id}`} prefetch="intent">
                      {order.reference}
                    </Link>
                  </td>
                  <td>{order.contactName}</td>
                  <td>{ORDER_STATUS_LABEL[order.status]}</td>
                  <td>{formatMoney(order.totalCents)}</td>
                  <td>{formatDateTimeUtc(order.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>No orders yet.</p>
      )}
      {more(orders.length, orderCount, "orders", `/admin/orders?company=${company.id}`)}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
