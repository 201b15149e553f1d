import { data, redirect } from "@remix-run/node";
import { invalid, parseForm } from "~/lib/forms.server";
import type { FormResult } from "~/lib/forms";
import { readForm } from "~/lib/request-body.server";
import { getCustomer, safeAccountRedirect, signInCustomer } from "./customer-session.server";
import { checkSignInCode, issueSignInCode, type CodeCheck } from "./sign-in-code.server";
import { SIGN_IN_CODE_MINUTES } from "./sign-in-rules";
import { SIGN_IN_INTENT } from "./sign-in-intents";
import { SignInForm } from "./sign-in-schema";

/** A signed-in buyer has nothing to do on the sign-in page: they go where they were going. */
export async function redirectSignedIn(request: Request) {
  const url = new URL(request.url);
  if (await getCustomer(request)) throw redirect(safeAccountRedirect(url.searchParams.get("redirectTo")));
  return {
    redirectTo: url.searchParams.get("redirectTo") ?? "",
    signedOut: url.searchParams.get("signedOut"),
  };
}

const CODE_REFUSALS: Record<Exclude<CodeCheck, { ok: true }>["reason"], string> = {
  wrong: "That code is not right: check the newest e-mail from us and type its 6 digits.",
  spent: "This code has expired, was used, or was tried too many times: send yourself a new one.",
  throttled: "Too many wrong codes were typed from your network: wait 15 minutes, then send a new code.",
};

/**
 * The sign-in page's forms: "send" e-mails a code and a link (the same answer for every address);
 * "verify" checks the code and signs in on a fresh session, in one transaction.
 */
export async function signInAction(request: Request, clientIp = "unknown") {
  const parsed = parseForm(SignInForm, await readForm(request));
  if (parsed.status === "error") return invalid(parsed);
  const { data: form, values, intent } = parsed;
  if (form.intent === SIGN_IN_INTENT.send) {
    const sent = issueSignInCode(form.email, clientIp, new Date(), form.redirectTo);
    if (!sent.ok)
      return invalid(
        {
          status: "error",
          intent,
          values,
          fieldErrors: {
            email:
              "We have sent this address as many codes as we send in an hour: use the newest one, or wait an hour.",
          },
        },
        429,
      );
    return data<FormResult>({
      status: "success",
      intent,
      fieldErrors: {},
      values: { email: form.email, redirectTo: form.redirectTo },
      message: `We have sent a 6-digit code to ${form.email}. It works once, for ${SIGN_IN_CODE_MINUTES} minutes.`,
    });
  }
  let check: CodeCheck | undefined;
  const signedIn = await signInCustomer(
    request,
    () => {
      check = checkSignInCode(form.email, form.code, clientIp);
      return check.ok ? check.customerId : undefined;
    },
    form.redirectTo,
  );
  if (signedIn) throw signedIn;
  const reason = check && !check.ok ? check.reason : "spent";
  return invalid(
    { status: "error", intent, values, fieldErrors: { code: CODE_REFUSALS[reason] } },
    reason === "throttled" ? 429 : 400,
  );
}
