import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { SignOutForm } from "~/accounts/account-schema";
import { getCustomer, signOutCustomer, signOutEverywhere } from "~/accounts/customer-session.server";
import { readForm } from "~/lib/request-body.server";

/** Signing out is a POST; a link or a typed address only lands on the account. */
export async function loader() {
  throw redirect("/account");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = SignOutForm.safeParse(Object.fromEntries(await readForm(request)));
  const customer = await getCustomer(request);
  if (customer && form.success && form.data.intent === "everywhere") return signOutEverywhere(customer.id);
  return signOutCustomer(request);
}
