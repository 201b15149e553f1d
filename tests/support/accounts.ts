import type { Page } from "@playwright/test";
import { expect } from "./test";
import { MAIL_HTTP_PORT, type CaughtMail } from "./mail";

async function caughtMail(): Promise<CaughtMail[]> {
  return (await (await fetch(`http://127.0.0.1:${MAIL_HTTP_PORT}/messages`)).json()) as CaughtMail[];
}

const isSignInMail = (email: string) => (mail: CaughtMail) =>
  mail.to.toLowerCase().includes(email.toLowerCase()) && mail.subject.endsWith("is your IronAxis sign-in code");

/** Runs `send`, then waits for the sign-in e-mail it makes for `email` (the newest, not an earlier one). */
export async function nextSignInMail(email: string, send: () => Promise<void>) {
  const before = (await caughtMail()).filter(isSignInMail(email)).length;
  await send();
  let mail: CaughtMail | undefined;
  await expect
    .poll(
      async () => {
        mail = (await caughtMail()).filter(isSignInMail(email))[before];
        return Boolean(mail);
      },
      { timeout: 40_000 },
    )
    .toBe(true);
  return {
    mail: mail!,
    code: mail!.subject.slice(0, 6),
    link: mail!.text.match(/https?:\/\/\S+\/sign-in\/link\/\S+/)![0],
  };
}

/** Asks /sign-in for a code for `email` and waits for the e-mail; the page then shows the code field. */
export async function sendSignInCode(page: Page, email: string) {
  return nextSignInMail(email, async () => {
    await page.goto("/sign-in");
    await page.getByLabel("E-mail", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Send me a code" }).click();
    await expect(page.getByLabel("Sign-in code")).toBeVisible();
  });
}

/** Signs the page's browser in as `email` with an e-mailed code, and waits for the account page. */
export async function signInByCode(page: Page, email: string) {
  const { code } = await sendSignInCode(page, email);
  await page.getByLabel("Sign-in code").fill(code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
}
