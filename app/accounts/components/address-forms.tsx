import { Form } from "@remix-run/react";
import type { CompanyAddress } from "~/accounts/address-book.server";
import { ADDRESS_INTENT, ADDRESS_KIND_LABEL, ADDRESS_KIND_OPTIONS } from "~/accounts/address-intents";
import { ErrorSummary, FormError, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { typedOr, useFormResult, useIsPending, type Constraints, type FormResult } from "~/lib/forms";

const kindOptions = ADDRESS_KIND_OPTIONS.map((kind) => [kind, ADDRESS_KIND_LABEL[kind]] as const);

/** The field errors of a form under the ids of its fields, so that the summary links to them. */
function errorsAt(result: FormResult | undefined, ids: Record<string, string>) {
  const errors: Record<string, string> = {};
  for (const [name, id] of Object.entries(ids)) if (result?.fieldErrors[name]) errors[id] = result.fieldErrors[name];
  return errors;
}

/** An address as it goes on a label: line by line. */
export function AddressLines({ text }: { text: string }) {
  return (
    <address>
      {text.split("\n").map((line, index) => (
        <span key={index}>
          {index ? <br /> : null}
          {line}
        </span>
      ))}
    </address>
  );
}

type AddressFieldName = "label" | "kind" | "address";

/** An address's name, kind and text: the fields of adding one and of editing one. */
function AddressFields({
  ids,
  values,
  errors,
  constraints,
  hints = false,
}: {
  ids: Record<AddressFieldName, string>;
  values: Record<AddressFieldName, string>;
  errors: Record<string, string>;
  constraints: Constraints;
  /** The fields' hints: on the form that adds one, not on each address's edit form. */
  hints?: boolean;
}) {
  return (
    <>
      <TextField
        id={ids.label}
        name="label"
        label="Address name"
        hint={hints ? "How your colleagues know it, like Plant 2 receiving" : undefined}
        autoComplete="off"
        {...constraints.label}
        defaultValue={values.label}
        error={errors[ids.label]}
      />
      <SelectField
        id={ids.kind}
        name="kind"
        label="Used for"
        options={kindOptions}
        defaultValue={values.kind}
        error={errors[ids.kind]}
      />
      <TextAreaField
        id={ids.address}
        name="address"
        label="Address"
        hint={hints ? "As it goes on the label: company, street, city, state and ZIP code, one per line" : undefined}
        rows={4}
        {...constraints.address}
        defaultValue={values.address}
        error={errors[ids.address]}
      />
    </>
  );
}

export function AddAddress({ constraints }: { constraints: Constraints }) {
  const failed = useFormResult(ADDRESS_INTENT.add);
  const ids = { label: "address-label", kind: "address-kind", address: "address-text" };
  const errors = errorsAt(failed, ids);
  const pending = useIsPending({ intent: ADDRESS_INTENT.add });
  return (
    <Form method="post" className="panel" aria-labelledby="add-address-heading">
      <h2 id="add-address-heading">Add an address</h2>
      <FormError result={failed} />
      <ErrorSummary errors={errors} />
      <input type="hidden" name="intent" value={ADDRESS_INTENT.add} />
      <AddressFields
        ids={ids}
        values={{
          label: typedOr(failed, "label", ""),
          kind: typedOr(failed, "kind", "shipping"),
          address: typedOr(failed, "address", ""),
        }}
        errors={errors}
        constraints={constraints}
        hints
      />
      <div className="field">
        <label>
          <input type="checkbox" name="makeDefault" defaultChecked={typedOr(failed, "makeDefault", "") === "on"} /> Make
          it the default of its kind
        </label>
      </div>
      <button type="submit" className="button" aria-disabled={pending || undefined}>
        Add address
      </button>
    </Form>
  );
}

/** Edit, make default and remove, for one address: a company admin's forms. */
export function AddressForms({ address, constraints }: { address: CompanyAddress; constraints: Constraints }) {
  const result = useFormResult();
  const mine = result && result.values.addressId === String(address.id) ? result : undefined;
  const editing = mine?.intent === ADDRESS_INTENT.edit ? mine : undefined;
  const ids = { label: `label-${address.id}`, kind: `kind-${address.id}`, address: `address-${address.id}` };
  const errors = errorsAt(editing, ids);
  return (
    <>
      {mine && !editing ? <FormError result={mine} /> : null}
      <details open={Boolean(editing)}>
        <summary>Edit {address.label}</summary>
        <Form method="post" aria-label={`Edit ${address.label}`}>
          <FormError result={editing} />
          <ErrorSummary errors={errors} />
          <input type="hidden" name="addressId" value={address.id} />
          <AddressFields
            ids={ids}
            values={{
              label: typedOr(editing, "label", address.label),
              kind: typedOr(editing, "kind", address.kind),
              address: typedOr(editing, "address", address.address),
            }}
            errors={errors}
            constraints={constraints}
          />
          <button type="submit" name="intent" value={ADDRESS_INTENT.edit} className="button">
            Save
          </button>
        </Form>
      </details>
      <div className="checkbox-row">
        {address.isDefault ? null : (
          <Form method="post">
            <input type="hidden" name="addressId" value={address.id} />
            <button
              type="submit"
              name="intent"
              value={ADDRESS_INTENT.makeDefault}
              className="button button--secondary"
              aria-label={`Make default: ${address.label}`}
            >
              Make default
            </button>
          </Form>
        )}
        <Form method="post">
          <input type="hidden" name="addressId" value={address.id} />
          <button
            type="submit"
            name="intent"
            value={ADDRESS_INTENT.remove}
            className="button button--secondary"
            aria-label={`Remove ${address.label}`}
          >
            Remove
          </button>
        </Form>
      </div>
    </>
  );
}
