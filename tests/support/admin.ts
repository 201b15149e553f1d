import { expect, type Page } from "@playwright/test";

/** The back-office users the e2e server is started with (see playwright.config.ts). */
export const ADMIN = {
  email: "admin@ironaxis.test",
  name: "Ada Admin",
  role: "admin",
  password: "correct-horse-battery-admin",
} as const;
export const SALES = {
  email: "sales@ironaxis.test",
  name: "Sam Sales",
  role: "sales",
  password: "correct-horse-battery-sales",
} as const;

/**
 * Signs in at /admin/login and waits for the dashboard: its URL, then the back-office menu, which
 * the sign-in page does not have (the URL changes before React commits the new page).
 */
export async function signIn(page: Page, who: { email: string; password: string } = SALES) {
  await page.goto("/admin/login");
  await page.getByLabel("E-mail").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("navigation", { name: "Back office", exact: true })).toBeVisible();
}
