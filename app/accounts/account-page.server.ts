import { data } from "@remix-run/node";
import type { FormResult } from "~/lib/forms";
import { invalid, parseForm } from "~/lib/forms.server";
import { readForm } from "~/lib/request-body.server";
import { plural } from "~/lib/plural";
import {
  accountOrders,
  accountQuoteRequests,
  claimableHistory,
  claimGuestHistory,
  historyPeople,
  readHistoryFilter,
  renameCustomer,
} from "./account-history.server";
import { ACCOUNT_INTENT } from "./account-intents";
import { AccountForm } from "./account-schema";
import { requireCustomer, type Customer } from "./customer-session.server";
import { reorder, type ReorderTarget } from "./reorder.server";
import { readTargetToken, TARGET_PLACE, targetCookieHeaders } from "./send-lines.server";

/** The account overview: the account's requests and orders (filtered), and the guest history it may claim. */
export async function accountOverview(request: Request) {
  const customer = await requireCustomer(request);
  const filter = readHistoryFilter(new URL(request.url).searchParams);
  return {
    customer: { name: customer.name, email: customer.email, companyName: customer.companyName },
    filter,
    quotes: accountQuoteRequests(customer, filter),
    orders: accountOrders(customer, filter),
    people: historyPeople(customer),
    claimable: claimableHistory(customer),
  };
}

export async function accountAction(request: Request) {
  const customer = await requireCustomer(request);
  const parsed = parseForm(AccountForm, await readForm(request));
  if (parsed.status === "error") return invalid(parsed);
  const { data: form, intent } = parsed;
  if (form.intent === ACCOUNT_INTENT.reorder) return reorderAction(request, customer, form.orderId, form.target);
  if (form.intent === ACCOUNT_INTENT.rename) {
    renameCustomer(customer.id, form.name);
    return data<FormResult>({ status: "success", intent, fieldErrors: {}, values: {}, message: "Your name is saved." });
  }
  const claimed = claimGuestHistory(customer);
  const what = [
    claimed.quotes ? plural(claimed.quotes, "quote request") : "",
    claimed.orders ? plural(claimed.orders, "order") : "",
  ].filter(Boolean);
  return data<FormResult>({
    status: "success",
    intent,
    fieldErrors: {},
    values: {},
    message: what.length ? `Added ${what.join(" and ")} to your account.` : "There was nothing left to add.",
  });
}

/** The account page's answer to a reorder: what was added and, line by line, what changed since. */
export type ReorderResult = FormResult & { changes?: string[]; target?: ReorderTarget };

async function reorderAction(request: Request, customer: Customer, orderId: number, target: ReorderTarget) {
  const result = reorder(customer, orderId, target, await readTargetToken(request, target));
  if (!result.ok) throw new Response("Order not found", { status: 404 });
  const place = TARGET_PLACE[target];
  const message = result.added
    ? `Added ${result.added === result.of ? "" : `${result.added} of `}${plural(result.of, "line")} of ${result.reference} to ${place}.`
    : `Nothing of ${result.reference} could be added to ${place}.`;
  return data<ReorderResult>(
    {
      status: "success",
      intent: ACCOUNT_INTENT.reorder,
      fieldErrors: {},
      values: {},
      message,
      changes: result.changes,
      target,
    },
    { headers: await targetCookieHeaders(target, result.token) },
  );
}
