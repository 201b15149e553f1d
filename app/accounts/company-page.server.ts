import { data, redirect } from "@remix-run/node";
import { constraintsOf, formErrorResult, invalid, parseForm } from "~/lib/forms.server";
import { readForm } from "~/lib/request-body.server";
import { COMPANY_INTENT } from "./company-intents";
import { companyRoleAllows } from "./company-roles";
import { CompanyForm } from "./company-schema";
import {
  cancelInvitation,
  changeMember,
  companyPage,
  createCompany,
  inviteColleague,
  leaveCompany,
  removeMember,
} from "./company.server";
import { requireCustomer } from "./customer-session.server";
import { isMultipart, taxCertificateAction, taxCertificatePanel } from "./tax-certificate-page.server";

/** The forms only a company admin may send. */
const PEOPLE_INTENTS: readonly string[] = [
  COMPANY_INTENT.invite,
  COMPANY_INTENT.cancelInvitation,
  COMPANY_INTENT.changeMember,
  COMPANY_INTENT.removeMember,
];

/** The company page of the signed-in buyer: null when they are in none. */
export async function companyPageData(request: Request) {
  const customer = await requireCustomer(request);
  const page = companyPage(customer) ?? null;
  return data({
    page,
    constraints: constraintsOf(CompanyForm),
    taxCertificate: page ? taxCertificatePanel({ companyRole: page.me.role }, page.company.id) : null,
  });
}

/** Every form of the company page; after a change the page shows what was done (`?done=`). */
export async function companyAction(request: Request) {
  const customer = await requireCustomer(request);
  // The certificate upload is the page's one form that carries a file.
  if (isMultipart(request)) return taxCertificateAction(customer, request);
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
