import type { Browser, Page } from "@playwright/test";
import { type ADMIN, type SALES, signIn } from "./admin";
import { expect, gotoHydrates, test } from "./test";
import { MAIL_HTTP_PORT, waitForMail, type CaughtMail } from "./mail";

async function caughtMail(): Promise<CaughtMail[]> {
  return (await (await fetch(`http://127.0.0.1:${MAIL_HTTP_PORT}/messages`)).json()) as CaughtMail[];
}

const isSignInMail = (email: string) => (mail: CaughtMail) =>
  mail.to.toLowerCase().includes(email.toLowerCase()) && mail.subject === "Your IronAxis sign-in code";

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
    code: mail!.text.match(/Your sign-in code is (\d{6})\./)![1],
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

const INVITATION_LINK = /\/account\/invitations\/([A-Za-z0-9_-]{43})/;

/** A browser of its own, signed in as a buyer by an e-mailed code (or not at all). */
export async function buyerPage(browser: Browser, email?: string, { javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = javaScriptEnabled ? gotoHydrates(await context.newPage()) : await context.newPage();
  if (email) await signInByCode(page, email);
  return page;
}

export async function backOfficePage(browser: Browser, who: typeof SALES | typeof ADMIN) {
  const page = gotoHydrates(await (await browser.newContext()).newPage());
  await signIn(page, who);
  return page;
}

/** The invitation e-mailed to `email`: its token. */
export async function invitationToken(email: string, companyName: string) {
  const mail = await waitForMail((m) => m.to.includes(email) && m.subject.includes(companyName));
  return INVITATION_LINK.exec(mail.text)![1];
}

/** A form posted as a browser posts it from our own page, without following the redirect. */
export function post(page: Page, path: string, form: Record<string, string | number> = {}) {
  const origin = new URL(page.url() === "about:blank" ? "/" : page.url(), test.info().project.use.baseURL).origin;
  return page.request.post(path, { form, headers: { Origin: origin }, maxRedirects: 0 });
}

export async function createCompanyAs(page: Page, name: string) {
  await page.goto("/account/company");
  await page.getByLabel("Company name").fill(name);
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

export async function invite(page: Page, email: string, role: "Buyer" | "Approver" | "Company admin", limit = "") {
  await page.goto("/account/company");
  await page.getByLabel("Colleague’s e-mail").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByLabel("Spending limit (USD)").fill(limit);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status")).toContainText("Invitation sent");
}

export async function accept(page: Page, token: string, companyName: string) {
  await page.goto(`/account/invitations/${token}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Join ${companyName} on IronAxis`);
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page).toHaveURL(/\/account\/company\?done=joined$/);
  // The whole heading: the invitation page's "Join … on IronAxis" contains the name too.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(companyName);
}
