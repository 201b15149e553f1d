import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { addressBookAction, addressBookPageData } from "~/accounts/address-book-page.server";
import {
  ADDRESS_INTENT,
  ADDRESS_KIND_LABEL,
  ADDRESS_KIND_OPTIONS,
  MAX_ADDRESSES_PER_COMPANY,
} from "~/accounts/address-intents";
import { AddAddress, AddressForms, AddressLines } from "~/accounts/components/address-forms";
import { DoneNotice } from "~/components/done-notice";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useFormResult } from "~/lib/forms";

export const meta: MetaFunction = () => [{ title: "Addresses · IronAxis" }, { name: "robots", content: "noindex" }];

const DONE: Record<string, string> = {
  added: "Address added.",
  saved: "Address saved.",
  removed: "Address removed. Orders sent to it keep their copy.",
  default: "Default changed: checkout offers it first.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  return addressBookPageData(request);
}

export async function action({ request }: ActionFunctionArgs) {
  return addressBookAction(request);
}

export default function AccountAddresses() {
  const { book, constraints } = useLoaderData<typeof loader>();
  const answered = useFormResult();
  const notice = <DoneNotice messages={DONE} />;
  if (!book)
    return (
      <section aria-labelledby="addresses-heading">
        <h1 id="addresses-heading">Addresses</h1>
        <p>
          The address book belongs to a company, and you are not in one:{" "}
          <Link to="/account/company">create your company or see how to join one</Link>.
        </p>
      </section>
    );
  const { addresses, manages, full } = book;
  // A refusal shows at its form when the page has that form, otherwise at the top.
  const shownInForm =
    manages &&
    (answered?.intent === ADDRESS_INTENT.add
      ? !full
      : addresses.some((address) => String(address.id) === answered?.values.addressId));
  const pageError = shownInForm ? undefined : answered?.formError;
  return (
    <section aria-labelledby="addresses-heading">
      <h1 id="addresses-heading">Addresses</h1>
      {notice}
      {pageError ? (
        <p className="field-error" role="alert">
          {pageError}
        </p>
      ) : null}
      <p className="muted">
        {manages
          ? "Your company's shipping and billing addresses: checkout offers the shipping ones, the default first."
          : "Your company's shipping and billing addresses, kept by its company admins: checkout offers the shipping ones, the default first."}
      </p>
      {ADDRESS_KIND_OPTIONS.map((kind) => {
        const ofKind = addresses.filter((address) => address.kind === kind);
        const headingId = `${kind}-heading`;
        return (
          <section key={kind} aria-labelledby={headingId}>
            <h2 id={headingId}>{ADDRESS_KIND_LABEL[kind]} addresses</h2>
            {ofKind.length ? (
              <ul className="address-list">
                {ofKind.map((address) => (
                  <li key={address.id}>
                    <h3>
                      {address.label}
                      {address.isDefault ? <span className="muted"> (default)</span> : null}
                    </h3>
                    <AddressLines text={address.address} />
                    {manages ? <AddressForms address={address} constraints={constraints} /> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">None yet.</p>
            )}
          </section>
        );
      })}
      {manages ? (
        full ? (
          <p className="notice">
            Your company keeps {MAX_ADDRESSES_PER_COMPANY} addresses, the most it may: remove one to add another.
          </p>
        ) : (
          <AddAddress constraints={constraints} />
        )
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
