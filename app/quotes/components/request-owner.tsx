import { Form } from "@remix-run/react";
import { SelectField } from "~/components/ui/field";
import { typedOr, useFormResult } from "~/lib/forms";
import { SALES_QUOTE_INTENT as INTENT } from "~/quotes/quote-intents";

/** Who answers the request: any active sales or admin user, or nobody ("Unassigned"). */
export function RequestOwner({
  owner,
  choices,
}: {
  owner: { id: number; name: string } | null;
  choices: { id: number; name: string; email: string }[];
}) {
  const failed = useFormResult(INTENT.assignOwner);
  const options = [
    ["", "Unassigned"] as const,
    ...choices.map((user) => [String(user.id), `${user.name} (${user.email})`] as const),
  ];
  // An owner since disabled stays named until someone else is chosen.
  if (owner && !choices.some((user) => user.id === owner.id))
    options.push([String(owner.id), `${owner.name} (disabled)`] as const);
  return (
    <Form method="post" className="inline-form" aria-label="Owner">
      <input type="hidden" name="intent" value={INTENT.assignOwner} />
      <SelectField
        id="ownerId"
        name="ownerId"
        label="Owner"
        options={options}
        defaultValue={typedOr(failed, "ownerId", owner?.id)}
        error={failed?.fieldErrors.ownerId}
      />
      <button type="submit" className="button button--secondary">
        Assign
      </button>
    </Form>
  );
}
