import { TextAreaField } from "~/components/ui/field";
import { typedOr, type Constraints, type FormResult } from "~/lib/forms";

/** The address fields an order is made with, by the names the checkout schema's `AddressFields` reads. */
export type OrderAddressValues = { shippingAddress: string; billingAddress: string };

/**
 * The shipping and billing addresses of an order (`AddressFields` checks them on the server): what
 * was typed when the form came back, else where the buyer is expected to want it; each error at its
 * field. `idPrefix` keeps the ids apart when a page has the fields in more than one form.
 */
export function OrderAddressFields({
  idPrefix,
  result,
  prefill,
  constraints,
}: {
  idPrefix: string;
  /** The answer to this form, when it came back. */
  result: FormResult | undefined;
  prefill: OrderAddressValues;
  constraints: Constraints;
}) {
  const field = (name: keyof OrderAddressValues, label: string, props: Record<string, unknown>) => (
    <TextAreaField
      id={`${idPrefix}-${name}`}
      name={name}
      label={label}
      rows={3}
      {...constraints[name]}
      defaultValue={typedOr(result, name, prefill[name])}
      error={result?.fieldErrors[name]}
      {...props}
    />
  );
  return (
    <>
      {field("shippingAddress", "Shipping address", { autoComplete: "street-address" })}
      {field("billingAddress", "Billing address", {
        autoComplete: "billing street-address",
        required: false,
        hint: "Where the invoice goes; leave it empty to bill to the shipping address",
      })}
    </>
  );
}
