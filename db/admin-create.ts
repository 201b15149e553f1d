/**
 * `npm run admin:create -- --email you@example.com [--name "Your Name"] [--role admin|sales]`
 * Creates a back-office user, or resets the password and role of an existing one. The password
 * comes from ADMIN_PASSWORD, or is asked for on the terminal.
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ROLES } from "./schema";
import { sqlite } from "../app/lib/db.server";
import { MIN_PASSWORD_LENGTH } from "../app/admin/password-policy";
import { createOrResetUser } from "../app/admin/user.server";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "admin" } },
});

async function readPassword() {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const password = await prompt.question("Password: ");
  prompt.close();
  return password;
}

const Input = z.object({
  email: z.email({ error: "--email must be an e-mail address" }),
  name: z.string().trim().min(1),
  role: z.enum(ROLES, { error: `--role must be one of ${ROLES.join(", ")}` }),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, { error: `the password needs at least ${MIN_PASSWORD_LENGTH} characters` }),
});

const parsed = Input.safeParse({
  email: values.email,
  name: values.name ?? values.email?.split("@")[0],
  role: values.role,
  password: values.email ? await readPassword() : "",
});
if (!parsed.success) {
  console.error(`Cannot create the user:\n${parsed.error.issues.map((issue) => `  ${issue.message}`).join("\n")}`);
  process.exit(2);
}
await createOrResetUser(parsed.data);
console.info(`User ${parsed.data.email} (${parsed.data.role}) is ready to sign in at /admin/login.`);
sqlite.close();
