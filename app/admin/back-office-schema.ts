import { z } from "zod";
import { recordId, recordIdOr } from "~/lib/record-id";
import { isPlainText, PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { ROLES } from "~db/schema";
import { USER_INTENT } from "./back-office";
import { MIN_PASSWORD_LENGTH } from "./password-policy";

/** Back-office forms with no schema file of their own; kept out of the routes so pages ship no zod. */
export const SignIn = z.object({
  email: z
    .string()
    .trim()
    .min(1, { error: "Enter your e-mail address" })
    .max(254, { error: "That is not an e-mail address" }),
  password: z.string().min(1, { error: "Enter your password" }).max(1024, { error: "That password is too long" }),
});

const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: `Use at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(256, { error: "Keep it under 256 characters" });

const NewUser = z.object({
  email: z
    .string()
    .trim()
    .pipe(z.email({ error: "Enter an e-mail address" }).max(254)),
  name: z
    .string()
    .trim()
    .min(1, { error: "Enter a name" })
    .max(100, { error: "Keep the name under 100 characters" })
    .refine(isPlainText, { error: PLAIN_TEXT_MESSAGE }),
  role: z.enum(ROLES, { error: "Choose a role" }),
  password,
});

const PasswordReset = z.object({
  userId: recordIdOr("Choose a user"),
  newPassword: password,
});

/** The forms of the users page: add a user, set a user's new password, disable or enable one. */
export const UsersForm = z.discriminatedUnion("intent", [
  NewUser.extend({ intent: z.literal(USER_INTENT.create) }),
  PasswordReset.extend({ intent: z.literal(USER_INTENT.reset) }),
  z.object({
    intent: z.enum([USER_INTENT.disable, USER_INTENT.enable]),
    userId: recordId,
  }),
]);
