import { z } from "zod";
import { SIGN_IN_INTENT } from "./sign-in-intents";
import { readCode } from "./sign-in-rules";

const email = z
  .string()
  .trim()
  .min(1, { error: "Enter your e-mail address" })
  .max(254, { error: "Enter a shorter e-mail address" })
  .pipe(z.email({ error: "Enter an e-mail address like name@company.com" }));
/** Where to go once signed in; checked again by safeAccountRedirect. */
const redirectTo = z.string().max(2000).default("");

export const SignInForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal(SIGN_IN_INTENT.send), email, redirectTo }),
  z.object({
    intent: z.literal(SIGN_IN_INTENT.verify),
    email,
    redirectTo,
    code: z
      .string()
      .trim()
      .min(1, { error: "Enter the 6-digit code from the e-mail" })
      .max(20, { error: "The code has 6 digits, like 123456" })
      .transform((typed, ctx) => {
        const code = readCode(typed);
        if (!code) ctx.addIssue({ code: "custom", message: "The code has 6 digits, like 123456" });
        return code ?? "";
      }),
  }),
]);
