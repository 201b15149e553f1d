import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { assertSameOrigin, signOut } from "~/lib/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  return signOut(request);
}

export const loader = () => redirect("/admin");
