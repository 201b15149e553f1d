import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { companyAction, companyPageData } from "~/accounts/company-page.server";
import { COMPANY_INTENT } from "~/accounts/company-intents";
import { COMPANY_ROLE_LABEL } from "~/accounts/company-roles";
import { answerFor, CreateCompany, InviteColleague, limitText, PersonForms } from "~/accounts/components/company-forms";
import { TaxExemptSection } from "~/accounts/components/tax-certificate";
import { DoneNotice } from "~/components/done-notice";
import { FormError } from "~/components/ui/field";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTimeUtc } from "~/lib/dates";
import { unclaimed, useFormResult } from "~/lib/forms";
import { TableScroll } from "~/components/ui/table-scroll";

export const meta: MetaFunction = () => [{ title: "Your company · IronAxis" }, { name: "robots", content: "noindex" }];

const DONE: Record<string, string> = {
  created: "Your company is set up: invite your colleagues below.",
  invited: "Invitation sent. It works for 7 days.",
  cancelled: "Invitation withdrawn.",
  changed: "Saved.",
  removed: "That person is no longer in the company.",
  joined: "Welcome: you are in the company now.",
  left: "You have left the company. Its requests and orders stay with it.",
  certificate: "Certificate uploaded: sales will review it, and you will get an e-mail with the decision.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  return companyPageData(request);
}

export async function action({ request }: ActionFunctionArgs) {
  return companyAction(request);
}

export default function AccountCompany() {
  const { page, constraints, taxCertificate } = useLoaderData<typeof loader>();
  const answered = useFormResult();
  const leaving = useFormResult(COMPANY_INTENT.leave);
  const notice = <DoneNotice messages={DONE} />;
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
      <FormError
        result={unclaimed(
          answered,
          "memberId",
          // The rows with forms: none for someone who does not manage people (any more).
          managesPeople ? people.map((person) => person.id) : [],
        )}
      />
      {managesPeople ? (
        <p className="muted">Remove someone and you become the contact of their quotes and orders here.</p>
      ) : null}
      <TableScroll labelledBy="people-heading">
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
                    <PersonForms person={person} self={person.id === me.id} constraints={constraints} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {managesPeople ? (
        <>
          <InviteColleague constraints={constraints} />
          <h2 id="invitations-heading">Pending invitations</h2>
          <FormError result={cancelled} />
          {invitations.length ? (
            <TableScroll labelledBy="invitations-heading">
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
            </TableScroll>
          ) : (
            <p className="muted">None.</p>
          )}
        </>
      ) : null}
      {taxCertificate ? <TaxExemptSection {...taxCertificate} /> : null}
      <Form method="post" className="panel" aria-labelledby="leave-heading">
        <h2 id="leave-heading">Leave the company</h2>
        <p className="muted">
          You keep nothing of the company: its requests and orders, yours included, stay with it, and a company admin
          becomes the contact of yours.
        </p>
        <FormError result={leaving} />
        <button type="submit" name="intent" value={COMPANY_INTENT.leave} className="button button--secondary">
          Leave company
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
