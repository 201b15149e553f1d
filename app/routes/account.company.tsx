import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { COMPANY_INTENT } from "~/accounts/company-intents";
import { COMPANY_ROLE_LABEL, COMPANY_ROLE_OPTIONS, companyRoleAllows } from "~/accounts/company-roles";
import { CompanyForm } from "~/accounts/company-schema";
import {
  cancelInvitation,
  changeMember,
  companyPage,
  createCompany,
  inviteColleague,
  leaveCompany,
  removeMember,
} from "~/accounts/company.server";
import { requireCustomer } from "~/accounts/customer-session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField, TextField } from "~/components/ui/field";
import { formatDateTimeUtc } from "~/lib/dates";
import { typedOr, useFormResult, useIsPending, type Constraints, type FormResult } from "~/lib/forms";
import { constraintsOf, formErrorResult, invalid, parseForm } from "~/lib/forms.server";
import { formatMoney } from "~/lib/money";
import { readForm } from "~/lib/request-body.server";

export const meta: MetaFunction = () => [{ title: "Your company · IronAxis" }, { name: "robots", content: "noindex" }];

const DONE: Record<string, string> = {
  created: "Your company is set up: invite your colleagues below.",
  invited: "Invitation sent. It works for 7 days.",
  cancelled: "Invitation withdrawn.",
  changed: "Saved.",
  removed: "That person is no longer in the company.",
  joined: "Welcome: you are in the company now.",
  left: "You have left the company. Its requests and orders stay with it.",
};

/** The forms only a company admin may send. */
const PEOPLE_INTENTS: readonly string[] = [
  COMPANY_INTENT.invite,
  COMPANY_INTENT.cancelInvitation,
  COMPANY_INTENT.changeMember,
  COMPANY_INTENT.removeMember,
];

const roleOptions = COMPANY_ROLE_OPTIONS.map((role) => [role, COMPANY_ROLE_LABEL[role]] as const);

export async function loader({ request }: LoaderFunctionArgs) {
  const customer = await requireCustomer(request);
  return data({ page: companyPage(customer) ?? null, constraints: constraintsOf(CompanyForm) });
}

export async function action({ request }: ActionFunctionArgs) {
  const customer = await requireCustomer(request);
  const form = await readForm(request, 16 * 1024);
  const intent = form.get("intent") ?? "";
  if (PEOPLE_INTENTS.includes(intent) && !companyRoleAllows(customer.companyRole, "manage_people"))
    return invalid(formErrorResult({}, "Only a company admin can manage the people of the company.", { intent }), 403);
  const parsed = parseForm(CompanyForm, form);
  if (parsed.status === "error") return invalid(parsed, 400);
  const sent = parsed.data;
  const outcome =
    sent.intent === COMPANY_INTENT.create
      ? createCompany(customer, sent.name)
      : sent.intent === COMPANY_INTENT.invite
        ? inviteColleague(customer, sent)
        : sent.intent === COMPANY_INTENT.cancelInvitation
          ? cancelInvitation(customer, sent.invitationId)
          : sent.intent === COMPANY_INTENT.changeMember
            ? changeMember(customer, sent.memberId, sent)
            : sent.intent === COMPANY_INTENT.removeMember
              ? removeMember(customer, sent.memberId)
              : leaveCompany(customer);
  if (!outcome.ok) {
    const fieldErrors = outcome.field ? { [outcome.field]: outcome.message } : {};
    const result = outcome.field
      ? { status: "error" as const, intent: sent.intent, fieldErrors, values: parsed.values }
      : formErrorResult(parsed.values, outcome.message, { intent: sent.intent });
    return invalid(result, outcome.status);
  }
  const done = {
    [COMPANY_INTENT.create]: "created",
    [COMPANY_INTENT.invite]: "invited",
    [COMPANY_INTENT.cancelInvitation]: "cancelled",
    [COMPANY_INTENT.changeMember]: "changed",
    [COMPANY_INTENT.removeMember]: "removed",
    [COMPANY_INTENT.leave]: "left",
  }[sent.intent];
  return redirect(`/account/company?done=${done}`);
}

const dollars = (cents: number | null) => (cents === null ? "" : (cents / 100).toFixed(2));
const limitText = (cents: number | null) => (cents === null ? "No limit" : formatMoney(cents));

function FormError({ result }: { result: FormResult | undefined }) {
  return result?.formError ? (
    <p className="field-error" role="alert">
      {result.formError}
    </p>
  ) : null;
}

function CreateCompany({ constraints }: { constraints: Constraints }) {
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
      <button type="submit" className="button" disabled={pending}>
        Create company
      </button>
    </Form>
  );
}

type Person = NonNullable<ReturnType<typeof companyPage>>["people"][number];

function PersonForms({ person, constraints }: { person: Person; constraints: Constraints }) {
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
    </>
  );
}

function InviteColleague({ constraints }: { constraints: Constraints }) {
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
      <button type="submit" className="button" disabled={pending}>
        Send invitation
      </button>
    </Form>
  );
}

export default function AccountCompany() {
  const { page, constraints } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const answered = useFormResult();
  const done = DONE[search.get("done") ?? ""];
  const leaving = useFormResult(COMPANY_INTENT.leave);
  const notice =
    done && !answered ? (
      <p className="notice" role="status">
        {done}
      </p>
    ) : null;
  if (!page)
    return (
      <section aria-labelledby="company-heading">
        <h1 id="company-heading">Your company</h1>
        {notice}
        <p>You are not in a company. Create one, or ask your company admin to invite you.</p>
        <CreateCompany constraints={constraints} />
      </section>
    );
  const { company, people, invitations, me, managesPeople } = page;
  const cancelled = answerFor(COMPANY_INTENT.cancelInvitation, answered);
  return (
    <section aria-labelledby="company-heading">
      <h1 id="company-heading">{company.name}</h1>
      {notice}
      <p className="muted">You are {COMPANY_ROLE_LABEL[me.role].toLowerCase()} here.</p>
      <h2 id="people-heading">People</h2>
      <table className="data-table" aria-labelledby="people-heading">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Spending limit</th>
            {managesPeople ? <th scope="col">Change</th> : null}
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <tr key={person.id}>
              <td>{person.name || "—"}</td>
              <td>{person.email}</td>
              <td>{COMPANY_ROLE_LABEL[person.role]}</td>
              <td>{limitText(person.spendingLimitCents)}</td>
              {managesPeople ? (
                <td>
                  <PersonForms person={person} constraints={constraints} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {managesPeople ? (
        <>
          <InviteColleague constraints={constraints} />
          <h2 id="invitations-heading">Pending invitations</h2>
          <FormError result={cancelled} />
          {invitations.length ? (
            <table className="data-table" aria-labelledby="invitations-heading">
              <thead>
                <tr>
                  <th scope="col">E-mail</th>
                  <th scope="col">Role</th>
                  <th scope="col">Spending limit</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Withdraw</th>
                </tr>
              </thead>
              <tbody>
                {invitations.map((invitation) => (
                  <tr key={invitation.id}>
                    <td>{invitation.email}</td>
                    <td>{COMPANY_ROLE_LABEL[invitation.role]}</td>
                    <td>{limitText(invitation.spendingLimitCents)}</td>
                    <td>{formatDateTimeUtc(invitation.expiresAt)}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="invitationId" value={invitation.id} />
                        <button
                          type="submit"
                          name="intent"
                          value={COMPANY_INTENT.cancelInvitation}
                          className="button button--secondary"
                          aria-label={`Cancel the invitation of ${invitation.email}`}
                        >
                          Cancel
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">None.</p>
          )}
        </>
      ) : null}
      <Form method="post" className="panel" aria-labelledby="leave-heading">
        <h2 id="leave-heading">Leave the company</h2>
        <p className="muted">You keep nothing of the company: its requests and orders, yours included, stay with it.</p>
        <FormError result={leaving} />
        <button type="submit" name="intent" value={COMPANY_INTENT.leave} className="button button--secondary">
          Leave company
        </button>
      </Form>
    </section>
  );
}

/** The answer for one form of the page, from the answer already read. */
function answerFor(intent: string, result: FormResult | undefined) {
  return result?.intent === intent ? result : undefined;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
