import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

/** The account's sign-in address in the site's URL map: the sign-in page, with what was asked kept. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { search } = new URL(request.url);
  return redirect(`/sign-in${search}`);
}
