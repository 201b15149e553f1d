import type { Page } from "@playwright/test";
import { expect, gotoHydrates, test } from "../support/test";
import { createCompanyAs, nextSignInMail, sendSignInCode, signInByCode } from "../support/accounts";
import { queryRow, setCompanyTerms } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { submitQuoteRequest } from "../support/quotes";
import { orderReference, reviewAndPlace } from "../support/orders";

const sessionCookie = async (page: Page) =>
  (await page.context().cookies()).find((cookie) => cookie.name.endsWith("ironaxis_buyer"))?.value;

test("/account/sign-in, the sign-in address of the URL map, is the sign-in page with where to go next kept", async ({
  page,
}) => {
  await page.goto("/account/sign-in?redirectTo=%2Faccount%2Fcompany");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Faccount%2Fcompany$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await expect(page.locator('input[name="redirectTo"]').first()).toHaveValue("/account/company");
});

test("sign in by e-mailed code: a wrong code is refused at the field and kept nowhere; the right one signs in once", async ({
  page,
}) => {
  const email = uniqueEmail("code");
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Faccount$/);

  // A bad address is refused at the field, as typed.
  await page.getByLabel("E-mail", { exact: true }).fill("not an address");
  await page.getByLabel("E-mail", { exact: true }).evaluate((input: HTMLInputElement) => (input.type = "text"));
  await page.getByRole("button", { name: "Send me a code" }).click();
  await expect(page.getByText("Enter an e-mail address like name@company.com")).toBeVisible();
  await expect(page.getByLabel("E-mail", { exact: true })).toHaveValue("not an address");
  await expect(page.getByLabel("E-mail", { exact: true }), "the field refused takes the focus").toBeFocused();

  const { code } = await nextSignInMail(email, async () => {
    await page.getByLabel("E-mail", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Send me a code" }).click();
    await expect(page.getByRole("status")).toContainText(`We have sent a 6-digit code to ${email}`);
  });
  const wrong = code === "000000" ? "111111" : "000000";
  await page.getByLabel("Sign-in code").fill(wrong);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("That code is not right")).toBeVisible();
  await expect(page.getByLabel("Sign-in code")).toBeFocused();

  await page.getByLabel("Sign-in code").fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  const response = await page.request.get("/account");
  expect(response.headers()["cache-control"]).toBe("private, no-store");

  // The same code, sent again from another browser, is spent.
  const other = await page.context().browser()!.newContext();
  const replay = gotoHydrates(await other.newPage());
  await replay.goto("/sign-in");
  await replay.getByLabel("E-mail", { exact: true }).fill(email);
  // Straight to the code form, as a script would: the code form's fields, posted by the browser.
  await replay.evaluate(
    ({ email, code }) => {
      const form = document.createElement("form");
      form.method = "post";
      for (const [name, value] of Object.entries({ intent: "verify", email, code, redirectTo: "" })) {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        form.append(input);
      }
      document.body.append(form);
      form.submit();
    },
    { email, code },
  );
  await expect(replay.getByText("This code has expired, was used, or was tried too many times")).toBeVisible();
  expect(await sessionCookie(replay)).toBeUndefined();
  await other.close();
});

test("five wrong codes spend the sign-in: the right code no longer works", async ({ page }) => {
  const email = uniqueEmail("brute");
  const { code } = await sendSignInCode(page, email);
  const wrongs = ["000000", "111111", "222222", "333333", "444444", "555555"].filter((c) => c !== code).slice(0, 5);
  for (const wrong of wrongs) {
    await page.getByLabel("Sign-in code").fill(wrong);
    // From the second code on, the field is marked from the one before: wait for this one's answer.
    const answered = page.waitForResponse(
      (response) => response.request().method() === "POST" && new URL(response.url()).pathname.startsWith("/sign-in"),
    );
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await answered;
    await expect(page.getByLabel("Sign-in code")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Sign-in code")).toHaveValue(wrong);
  }
  await page.getByLabel("Sign-in code").fill(code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("This code has expired, was used, or was tried too many times")).toBeVisible();
  expect(await sessionCookie(page)).toBeUndefined();
});

test("a sign-in link: opening it signs nobody in, its button does once, on a new session that ends the old one", async ({
  page,
  browser,
}) => {
  const first = uniqueEmail("link-a");
  await signInByCode(page, first);
  const before = await sessionCookie(page);

  const second = uniqueEmail("link-b");
  const elsewhere = await browser.newContext();
  const { link } = await sendSignInCode(gotoHydrates(await elsewhere.newPage()), second);
  await elsewhere.close();

  // The same link open in a second tab too, pressed there after this one.
  const other = gotoHydrates(await page.context().newPage());
  await other.goto(link);
  await page.goto(link);
  await expect(page.getByText(`Sign in as ${second}`)).toBeVisible();
  expect(await sessionCookie(page)).toBe(before);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText(`Signed in as ${second}`)).toBeVisible();
  const after = await sessionCookie(page);
  expect(after).not.toBe(before);

  // The session the browser had is gone, not just replaced in the cookie.
  const stale = await browser.newContext();
  await stale.addCookies([{ name: "ironaxis_buyer", value: before!, url: page.url() }]);
  const stalePage = gotoHydrates(await stale.newPage());
  await stalePage.goto("/account");
  await expect(stalePage).toHaveURL(/\/sign-in/);
  await stale.close();

  const pressed = other.waitForResponse((response) => response.request().method() === "POST");
  await other.getByRole("button", { name: "Sign in", exact: true }).click();
  expect((await pressed).status()).toBe(410);
  await expect(other.getByText("This sign-in link has expired or was already used")).toBeVisible();

  expect((await page.goto(link))?.status()).toBe(410);
  await expect(page.getByText("This sign-in link has expired or was already used")).toBeVisible();
  // A link of the same shape that was never sent is not gone but unknown, opened or pressed.
  const never = new URL(link);
  never.pathname = never.pathname.replace(/[^/]+$/, (token) => [...token].reverse().join(""));
  expect((await page.goto(never.toString()))?.status()).toBe(404);
  const origin = new URL(page.url()).origin;
  expect((await page.request.post(never.toString(), { headers: { Origin: origin } })).status()).toBe(404);
});

test("sign out everywhere ends the buyer's other sessions", async ({ page, browser }) => {
  const email = uniqueEmail("everywhere");
  await signInByCode(page, email);
  const laptop = await browser.newContext();
  // Pages opened by hand wait for hydration too: a click before it posts the plain form.
  const laptopPage = gotoHydrates(await laptop.newPage());
  await signInByCode(laptopPage, email);

  await page.getByRole("link", { name: "Sign-in and security" }).click();
  await expect(page.getByText("2 browsers")).toBeVisible();
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByText("You are signed out on every device.")).toBeVisible();
  await laptopPage.goto("/account");
  await expect(laptopPage).toHaveURL(/\/sign-in/);
  await laptop.close();
});

test("a guest's requests appear after signing in with the same e-mail and join the account; a new one lands there at once", async ({
  page,
}) => {
  const email = uniqueEmail("claim");
  const guest = await submitQuoteRequest(page, { "E-mail": email.toUpperCase() });
  expect(
    queryRow<{ customer_id: number | null }>(
      "SELECT customer_id FROM quote_requests WHERE reference = ?",
      guest.reference,
    )!.customer_id,
  ).toBeNull();

  await signInByCode(page, email);
  await expect(page.getByText("No quote requests yet.")).toBeVisible();
  const claim = page.getByRole("region", { name: `Sent from ${email} before you signed in` });
  await expect(claim).toContainText(guest.reference);
  await claim.getByRole("button", { name: "Add it to your account" }).click();
  await expect(page.getByRole("status")).toHaveText("Added 1 quote request to your account.");
  await expect(page.getByRole("region", { name: /before you signed in/ })).toHaveCount(0);
  const quotes = page.getByRole("region", { name: "Quote requests" });
  await quotes.getByRole("link", { name: guest.reference }).click();
  await expect(page).toHaveURL(guest.url);

  // Signed in, the request form starts with the buyer's e-mail (a guest's starts empty).
  await page.goto("/quote");
  const requestForm = page.getByRole("form", { name: "Send the request" });
  await expect(requestForm.getByLabel("E-mail", { exact: true })).toHaveValue(email);
  await page.goto("/contact");
  await expect(page.getByRole("form", { name: "Write to us" }).getByLabel("E-mail", { exact: true })).toHaveValue(
    email,
  );
  // Signed in, a new request goes into the account without being claimed.
  const signedIn = await submitQuoteRequest(page, { "E-mail": "someone.else@buyer.example" });
  await page.goto("/account");
  await expect(
    page.getByRole("region", { name: "Quote requests" }).getByRole("link", { name: signedIn.reference }),
  ).toBeVisible();

  // Filters: by status (a quote status hides the orders) and by date.
  await expect(page.getByRole("region", { name: "Orders" })).toContainText("No orders yet.");
  await page.getByLabel("Status").selectOption({ label: "Quote request withdrawn" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No quote requests match.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Orders" })).toHaveCount(0);
  await page.getByRole("link", { name: "Show all" }).click();
  await expect(page.getByText("2 quote requests")).toBeVisible();
  await expect(page.getByLabel("Status")).toHaveValue("");
  // "From" after "To": said at the fields, which keep the days, and every day listed meanwhile.
  await page.getByLabel("From").fill("2099-12-31");
  await page.getByLabel("To").fill("2000-01-01");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("“From” is after “To”")).toBeVisible();
  await expect(page.getByLabel("From")).toHaveValue("2099-12-31");
  await expect(page.getByLabel("To")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("2 quote requests")).toBeVisible();
});

test("an account page read by a stranger, or asked for by a signed-in buyer through a public path, leaks nothing", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("leak");
  await signInByCode(page, email);
  // A public page rendered for a signed-in buyer is the page everyone gets: nothing of theirs in it.
  const product = await page.request.get("/categories/flow-meters");
  expect(await product.text()).not.toContain(email);
  const stranger = await browser.newContext();
  const strangerPage = gotoHydrates(await stranger.newPage());
  for (const path of ["/account", "/account.data", "/account?_data=routes%2Faccount._index"]) {
    const response = await strangerPage.request.get(path, { maxRedirects: 0 });
    // A redirect to sign in: as a 302, or inside a 202 for Remix's data requests; a data request
    // of Remix before single fetch (`?_data=`) is no page at all.
    expect(path.includes("_data") ? [404] : [302, 202, 204]).toContain(response.status());
    expect(await response.text()).not.toContain(email);
  }
  await stranger.close();
});

test("a signed-in buyer's order is in the account and goes back into the cart in one step, with today's price said", async ({
  page,
}) => {
  const email = uniqueEmail("reorder");
  const company = `Reorder Test Works ${uniqueEmail("c").slice(2, 10)}`;
  await signInByCode(page, email);
  // A company on invoice terms, so that the order needs no card payment.
  await createCompanyAs(page, company);
  setCompanyTerms(company, "net30", 1_000_000_00);
  const gauge = queryRow<{ slug: string; price_cents: number }>(
    "SELECT slug, price_cents FROM products WHERE part_number = 'GC-DSG100-HC-6B-FL'",
  )!;
  await page.goto(`/products/${gauge.slug}`);
  await page.getByLabel("Quantity").fill("2");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to cart." })).toBeVisible();
  await page.goto("/checkout");
  const form = page.getByRole("form", { name: "Delivery and payment" });
  await form.getByLabel("Company", { exact: true }).fill(company);
  await form.getByLabel("Your name", { exact: true }).fill("Ray Order");
  await form.getByLabel("E-mail", { exact: true }).fill(email);
  await form.getByLabel("Shipping address").fill("4 Mill Lane, Akron, OH 44308, USA");
  await form.getByRole("radio", { name: /Pay by invoice/ }).check();
  await form.getByLabel(/PO number/).fill("PO-REORDER-1");
  await reviewAndPlace(form);
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
  const reference = await orderReference(page);

  await page.goto("/account");
  const orders = page.getByRole("region", { name: "Orders" });
  await expect(orders.getByRole("link", { name: reference })).toBeVisible();
  await orders.getByRole("button", { name: `Reorder to cart: ${reference}` }).click();
  await expect(page.getByRole("status")).toContainText(`Added 1 line of ${reference} to your cart.`);
  await page.getByRole("link", { name: "View cart" }).click();
  await expect(page.getByLabel("Quantity of GC-DSG100-HC-6B-FL")).toHaveValue("2");
  await expect(page.getByTestId("cart-total")).toHaveText(
    `$${((gauge.price_cents * 2) / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`,
  );
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign in by code and out again with plain forms", async ({ page }) => {
    const email = uniqueEmail("nojs");
    await signInByCode(page, email);
    await page.getByLabel("Name", { exact: true }).fill("Dana Whitfield");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByText(`Signed in as Dana Whitfield (${email})`)).toBeVisible();
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page.getByText("You are signed out.")).toBeVisible();
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
