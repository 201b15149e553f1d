import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { assertSameOrigin, signOut } from "~/admin/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  return signOut(request);
}

export const loader = () => redirect("/admin");
