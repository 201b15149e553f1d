import { Form } from "@remix-run/react";
import type { companyPage } from "~/accounts/company.server";
import { COMPANY_INTENT } from "~/accounts/company-intents";
import { COMPANY_ROLE_LABEL, COMPANY_ROLE_OPTIONS } from "~/accounts/company-roles";
import { ErrorSummary, FormError, SelectField, TextField } from "~/components/ui/field";
import { typedOr, useFormResult, useIsPending, type Constraints, type FormResult } from "~/lib/forms";
import { formatMoney } from "~/lib/money";

const roleOptions = COMPANY_ROLE_OPTIONS.map((role) => [role, COMPANY_ROLE_LABEL[role]] as const);

const dollars = (cents: number | null) => (cents === null ? "" : (cents / 100).toFixed(2));
export const limitText = (cents: number | null) => (cents === null ? "No limit" : formatMoney(cents));

export function CreateCompany({ constraints }: { constraints: Constraints }) {
  const failed = useFormResult(COMPANY_INTENT.create);
  const errors = failed?.fieldErrors ?? {};
  const pending = useIsPending({ intent: COMPANY_INTENT.create });
  return (
    <Form method="post" className="panel" aria-labelledby="create-company-heading">
      <h2 id="create-company-heading">Create your company</h2>
      <p className="muted">
        You become its company admin, your requests and orders become the company’s, and you can invite colleagues.
      </p>
      <FormError result={failed} />
      <ErrorSummary errors={errors} />
      <input type="hidden" name="intent" value={COMPANY_INTENT.create} />
      <TextField
        id="name"
        name="name"
        label="Company name"
        autoComplete="organization"
        {...constraints.name}
        defaultValue={typedOr(failed, "name", "")}
        error={errors.name}
      />
      <button type="submit" className="button" aria-disabled={pending || undefined}>
        Create company
      </button>
    </Form>
  );
}

type Person = NonNullable<ReturnType<typeof companyPage>>["people"][number];

/** A person's role and limit, and removing them (not from one's own row: "Leave the company" is for that). */
export function PersonForms({
  person,
  self,
  constraints,
}: {
  person: Person;
  self: boolean;
  constraints: Constraints;
}) {
  const result = useFormResult();
  const mine =
    result && result.intent !== COMPANY_INTENT.invite && result.values.memberId === String(person.id)
      ? result
      : undefined;
  const errors = mine?.fieldErrors ?? {};
  const ids = { role: `role-${person.id}`, limit: `limit-${person.id}` };
  const rowErrors = {
    ...(errors.role ? { [ids.role]: errors.role } : {}),
    ...(errors.spendingLimitCents ? { [ids.limit]: errors.spendingLimitCents } : {}),
  };
  const who = person.name || person.email;
  return (
    <>
      <Form method="post" aria-label={`Role and limit of ${who}`}>
        <FormError result={mine} />
        <ErrorSummary errors={rowErrors} />
        <input type="hidden" name="memberId" value={person.id} />
        <SelectField
          id={ids.role}
          name="role"
          label={`Role of ${who}`}
          options={roleOptions}
          defaultValue={typedOr(mine, "role", person.role)}
          error={rowErrors[ids.role]}
        />
        <TextField
          id={ids.limit}
          name="spendingLimitCents"
          label={`Spending limit of ${who} (USD)`}
          hint="Empty: no limit"
          inputMode="decimal"
          {...constraints.spendingLimitCents}
          defaultValue={typedOr(mine, "spendingLimitCents", dollars(person.spendingLimitCents))}
          error={rowErrors[ids.limit]}
        />
        <button type="submit" name="intent" value={COMPANY_INTENT.changeMember} className="button">
          Save
        </button>
      </Form>
      {self ? null : (
        <Form method="post">
          <input type="hidden" name="memberId" value={person.id} />
          <button
            type="submit"
            name="intent"
            value={COMPANY_INTENT.removeMember}
            className="button button--secondary"
            aria-label={`Remove ${who}`}
          >
            Remove
          </button>
        </Form>
      )}
    </>
  );
}

export function InviteColleague({ constraints }: { constraints: Constraints }) {
  const failed = useFormResult(COMPANY_INTENT.invite);
  const errors = failed?.fieldErrors ?? {};
  const pending = useIsPending({ intent: COMPANY_INTENT.invite });
  return (
    <Form method="post" className="panel" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite a colleague</h2>
      <FormError result={failed} />
      <ErrorSummary errors={errors} />
      <input type="hidden" name="intent" value={COMPANY_INTENT.invite} />
      <TextField
        id="email"
        name="email"
        type="email"
        label="Colleague’s e-mail"
        autoComplete="off"
        {...constraints.email}
        defaultValue={typedOr(failed, "email", "")}
        error={errors.email}
      />
      <SelectField
        id="role"
        name="role"
        label="Role"
        options={roleOptions}
        defaultValue={typedOr(failed, "role", "buyer")}
        error={errors.role}
      />
      <TextField
        id="spendingLimitCents"
        name="spendingLimitCents"
        label="Spending limit (USD)"
        hint="What they may order without an approver; empty: no limit"
        inputMode="decimal"
        {...constraints.spendingLimitCents}
        defaultValue={typedOr(failed, "spendingLimitCents", "")}
        error={errors.spendingLimitCents}
      />
      <button type="submit" className="button" aria-disabled={pending || undefined}>
        Send invitation
      </button>
    </Form>
  );
}

/** The answer for one form of the page, from the answer already read. */
export function answerFor(intent: string, result: FormResult | undefined) {
  return result?.intent === intent ? result : undefined;
}
