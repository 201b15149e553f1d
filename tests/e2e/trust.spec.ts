import crypto from "node:crypto";
import { type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { expect, test } from "../support/test";
import { openFirstProduct } from "../support/catalog";
import { countRows, queryRow } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { waitForMail } from "../support/mail";
import { fillRequest, requestReference, salesPage } from "../support/quotes";

const PAGES = [
  { link: "Contact us", path: "/contact", heading: "Contact us" },
  { link: "About IronAxis", path: "/about", heading: "About IronAxis" },
  { link: "Terms of sale", path: "/terms", heading: "Terms of sale" },
  { link: "Returns and warranty", path: "/returns", heading: "Returns and warranty" },
  { link: "Privacy", path: "/privacy", heading: "Privacy notice" },
];
const ARTICLE = "/news/multiple-major-projects-signed-at-second-summit";
const unique = () => crypto.randomBytes(4).toString("hex");
/** $42.00, minimum 10, packs of 10: on the quote list and in the cart alike. */
const gaugePage = () =>
  `/products/${queryRow<{ slug: string }>("SELECT slug FROM products WHERE part_number = 'GC-PG63-SS-16B'")!.slug}`;

const footerLinks = (page: Page) => page.getByRole("contentinfo").getByRole("navigation", { name: "Company" });

test("every trust page opens from the home page's footer, described for search engines, and accessible", async ({
  page,
}) => {
  test.setTimeout(120_000); // axe takes seconds per page on a busy machine
  for (const { link, path, heading } of PAGES) {
    await page.goto("/");
    await footerLinks(page).getByRole("link", { name: link, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expect(page).toHaveTitle(`${heading} · IronAxis`);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /.{60,}/);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`${path}$`));
    await expectNoSeriousAxeViolations(page);
  }
});

test("a product page and an article link every trust page from their footer", async ({ page }) => {
  await page.goto("/categories/flow-meters?sort=name");
  await openFirstProduct(page);
  for (const start of [page.url(), ARTICLE]) {
    await page.goto(start);
    for (const { link, path } of PAGES)
      await expect(footerLinks(page).getByRole("link", { name: link, exact: true })).toHaveAttribute("href", path);
    await footerLinks(page).getByRole("link", { name: "Returns and warranty" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Returns and warranty");
  }
});

test("the trust pages say how to reach us and what the terms are, and the sitemap lists them", async ({ request }) => {
  const contact = await (await request.get("/contact")).text();
  for (const detail of [
    'href="mailto:sales@ironaxis.test"',
    "+1 (713) 555-0142",
    "Houston, TX 77041",
    "Monday to Friday",
  ])
    expect(contact).toContain(detail);
  const terms = await (await request.get("/terms")).text();
  for (const topic of ["Payment", "Delivery", "Title and risk", "Warranty", "Limitation of liability", "Governing law"])
    expect(terms).toContain(topic);
  expect(await (await request.get("/returns")).text()).toContain("Return Material Authorization (RMA)");
  const sitemap = await (await request.get("/sitemap.xml")).text();
  for (const { path } of PAGES) expect(sitemap).toMatch(new RegExp(`<loc>[^<]+${path}</loc>`));
});

test("sales edits the terms of sale in the back office; the public page, served from the page cache, follows", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  // Every worker process has its own page cache: ask often enough that the page is served from one.
  const before = [];
  for (let i = 0; i < 4; i++) before.push(await page.request.get("/terms"));
  expect(before.map((response) => response.headers()["x-page-cache"])).toContain("HIT");

  const sales = await salesPage(browser);
  await sales.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Site pages" }).click();
  await sales.getByRole("main").getByRole("link", { name: "Terms of sale", exact: true }).click();
  await expect(sales.getByRole("heading", { level: 1 })).toHaveText("Terms of sale");
  const body = sales.getByLabel("Page (Markdown)");
  const added = `Orders placed on Fridays ship the next business day (${unique()}).`;
  const edited = `${await body.inputValue()}\n\n## 13. Shipping days\n\n${added}\n`;
  await body.fill(edited);
  await sales.getByLabel("Title").fill("");
  await sales.getByLabel("Title").evaluate((input: HTMLInputElement) => (input.required = false));
  await sales.getByRole("button", { name: "Save changes" }).click();
  await expect(sales.locator("#title-error")).toHaveText("Enter the title");
  await expect(body).toHaveValue(edited);
  await sales.getByLabel("Title").fill("Terms of sale");
  await sales.getByRole("button", { name: "Save changes" }).click();
  await expect(sales.getByRole("status")).toContainText("Saved.");
  await sales.context().close();

  for (let i = 0; i < 4; i++) {
    const after = await page.request.get("/terms");
    expect(await after.text()).toContain(added);
    expect(after.headers().etag).not.toBe(before[0].headers().etag);
  }
  await page.goto("/terms");
  await expect(page.getByRole("heading", { name: "13. Shipping days" })).toBeVisible();
  await expect(page.getByText(added)).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test("the contact form shows errors at the fields and keeps what was typed; a sent message reaches sales by e-mail", async ({
  page,
}) => {
  const email = uniqueEmail("priya");
  const subject = `Spare seals for a PG-63 gauge ${unique()}`;
  await page.goto("/contact");
  const form = page.getByRole("form", { name: "Write to us" });
  await form.getByLabel("Your name").fill("Priya Raman");
  await form.getByLabel("Company").fill("Gulf Coast Fabricators");
  await form.getByLabel("E-mail").fill("priya-at-gcf");
  await form.getByLabel("Subject").fill(subject);
  await form.getByLabel("Message").fill("Do you stock the PTFE seal kit for the 63 mm gauges? We need 40.");
  await form.evaluate((el: HTMLFormElement) => (el.noValidate = true));
  await form.getByRole("button", { name: "Send message" }).click();

  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText(
    "E-mail: Enter an e-mail address like name@company.com",
  );
  await expect(form.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("E-mail")).toHaveValue("priya-at-gcf");
  await expect(form.getByLabel("Company")).toHaveValue("Gulf Coast Fabricators");
  await expect(form.getByLabel("Message")).toHaveValue(
    "Do you stock the PTFE seal kit for the 63 mm gauges? We need 40.",
  );
  await expectNoSeriousAxeViolations(page);

  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Phone (optional)").fill("+1 409 555 0100");
  await form.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByRole("status")).toContainText(
    "Thank you, Priya Raman: your message has reached our sales team.",
  );

  const mail = await waitForMail((m) => m.to.includes("sales@ironaxis.test") && m.subject.includes(subject));
  expect(mail.subject).toBe(`Contact form: ${subject}`);
  expect(mail.text).toContain(`Priya Raman, Gulf Coast Fabricators <${email}>, +1 409 555 0100`);
  expect(mail.text).toContain("Do you stock the PTFE seal kit for the 63 mm gauges? We need 40.");
  expect(mail.html).toContain(`href="mailto:${email}"`);
  expect(countRows("SELECT count(*) AS n FROM contact_messages WHERE email = ?", email)).toBe(1);
});

test("a contact form with its honeypot filled, or with a start the server did not sign, is refused", async ({
  page,
}) => {
  await page.goto("/contact");
  const submissionKey = await page.locator('input[name="submissionKey"]').inputValue();
  const formStartedAt = await page.locator('input[name="formStartedAt"]').inputValue();
  const email = uniqueEmail("bot");
  const form = {
    name: "Totally Human",
    company: "Cheap Meds",
    email,
    phone: "",
    subject: "Great offer",
    message: "Visit our site for the best prices today.",
    submissionKey,
    formStartedAt,
    website: "http://spam.example",
  };
  const origin = { Origin: new URL(page.url()).origin };
  const bot = await page.request.post("/contact", { form, headers: origin, maxRedirects: 0 });
  expect(bot.status()).toBe(400);
  expect(await bot.text()).toContain("Your message could not be accepted");

  const forged = await page.request.post("/contact", {
    form: { ...form, website: "", formStartedAt: String(Date.now() - 60_000) },
    headers: origin,
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(400);
  expect(await forged.text()).toContain("faster than a person can fill in the form");
  expect(countRows("SELECT count(*) AS n FROM contact_messages WHERE email = ?", email)).toBe(0);
  expect(countRows("SELECT count(*) AS n FROM outbox_emails WHERE text LIKE ?", `%${email}%`)).toBe(0);
});

test("the header counts the quote list's and the cart's lines after adding with JavaScript, on every page", async ({
  page,
}) => {
  const header = page.getByRole("navigation", { name: "Site" });
  await page.goto("/");
  await expect(header.getByRole("link", { name: "Quote list", exact: true })).toBeVisible();
  await expect(header.getByRole("link", { name: "Cart", exact: true })).toBeVisible();

  await page.goto(gaugePage());
  await page.getByLabel("Quantity").fill("20");
  await page.getByRole("button", { name: "Add to quote" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added." })).toBeVisible();
  await expect(header.getByRole("link", { name: "Quote list (1)" })).toBeVisible();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to cart." })).toBeVisible();
  await expect(header.getByRole("link", { name: "Cart (1)" })).toBeVisible();

  // A page from the page cache, rendered for everyone, reads this visitor's counts after it loads.
  await page.goto(ARTICLE);
  await expect(header.getByRole("link", { name: "Quote list (1)" })).toBeVisible();
  await expect(header.getByRole("link", { name: "Cart (1)" })).toBeVisible();

  await page.goto("/cart");
  await page.getByRole("button", { name: "Remove GC-PG63-SS-16B" }).click();
  await expect(page.getByText("Your cart is empty")).toBeVisible();
  await expect(header.getByRole("link", { name: "Cart", exact: true })).toBeVisible();
  await expect(header.getByRole("link", { name: "Quote list (1)" })).toBeVisible();
});

test("a header count that cannot be read leaves the page and what the visitor just did in place", async ({ page }) => {
  await page.goto(gaugePage());
  // Every read of the counts from now on fails as a dropped connection does.
  const readsCounts = (url: URL) => url.pathname.startsWith("/header-counts");
  await page.route(readsCounts, (route) => route.abort("connectionreset"));
  const countsFailed = page.waitForEvent("requestfailed", (request) => readsCounts(new URL(request.url())));
  await page.getByLabel("Quantity").fill("20");
  await page.getByRole("button", { name: "Add to quote" }).click();
  await countsFailed;
  await expect(page.getByRole("status").filter({ hasText: "Added." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(/went wrong/);
  await expect(page.getByLabel("Quantity")).toHaveValue("20");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the cart and quote list pages show the header counts; public pages show none", async ({ page }) => {
    const header = page.getByRole("navigation", { name: "Site" });
    await page.goto(gaugePage());
    await page.getByLabel("Quantity").fill("20");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page).toHaveURL(/\/cart$/);
    await expect(header.getByRole("link", { name: "Cart (1)" })).toBeVisible();
    await expect(header.getByRole("link", { name: "Quote list", exact: true })).toBeVisible();

    await page.goto("/");
    await expect(header.getByRole("link", { name: "Cart", exact: true })).toBeVisible();
    await page.goto("/quote");
    await expect(header.getByRole("link", { name: "Cart (1)" })).toBeVisible();
  });

  test("the contact form keeps what was typed beside its errors, and says when the message is sent", async ({
    page,
  }) => {
    const subject = `Lead time for a 30 kW inverter ${unique()}`;
    await page.goto("/contact");
    const form = page.getByRole("form", { name: "Write to us" });
    await form.getByLabel("Your name").fill("Luis Ortega");
    await form.getByLabel("E-mail").fill(uniqueEmail("luis"));
    await form.getByLabel("Subject").fill(subject);
    await form.getByLabel("Message").fill("Short");
    await form.evaluate((el: HTMLFormElement) => (el.noValidate = true));
    await form.getByRole("button", { name: "Send message" }).click();

    await expect(form.locator("#contact-company-error")).toHaveText("Enter your company name");
    await expect(form.locator("#contact-message-error")).toHaveText("Write your message (at least 10 characters)");
    await expect(form.getByLabel("Your name")).toHaveValue("Luis Ortega");
    await expect(form.getByLabel("Subject")).toHaveValue(subject);
    await expect(form.getByLabel("Message")).toHaveValue("Short");

    await form.getByLabel("Company").fill("Sunbelt Solar Farms");
    await form.getByLabel("Message").fill("When could you deliver a 30 kW string inverter to Tucson?");
    await form.evaluate((el: HTMLFormElement) => (el.noValidate = true));
    await form.getByRole("button", { name: "Send message" }).click();
    await expect(page.getByRole("status")).toContainText("Thank you, Luis Ortega");
    await waitForMail((m) => m.subject === `Contact form: ${subject}`);
  });
});

test("the status page and the buyer's confirmation show everything asked for: target price, specs, notes, details and files", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const email = uniqueEmail("maya");
  await page.goto("/quote");
  const freeForm = page.getByRole("form", { name: "Request something not in the catalog" });
  await freeForm.getByLabel("What do you need?").fill("Jacketed stainless kettle, 500 L, with anchor agitator");
  await freeForm.getByLabel("Quantity").fill("2");
  await freeForm.getByLabel("Target unit price, USD (optional)").fill("$9,250");
  await freeForm.getByLabel("Spec 1").fill("Capacity");
  await freeForm.getByLabel("Value 1").fill("500 L");
  await freeForm.getByLabel("Spec 2").fill("Supply");
  await freeForm.getByLabel("Value 2").fill("480 V, 3-phase, 60 Hz");
  await freeForm.getByLabel("Importance 2").selectOption("nice");
  await freeForm.getByLabel("Note for sales (optional)").fill("Must fit through a 1.2 m door");
  await freeForm.getByRole("button", { name: "Add to list" }).click();
  await expect(page.locator(".quote-line").first()).toContainText("Jacketed stainless kettle");

  const form = await fillRequest(page, {
    "E-mail": email,
    "Phone (optional)": "+1 504 555 0175",
    "Delivery location (optional)": "Port of New Orleans",
  });
  await form.getByLabel("Preferred Incoterm (optional)").selectOption("DAP");
  await form.getByLabel("Needed by (optional)").fill("2099-03-31");
  await form.getByLabel("Message (optional)").fill("Please quote with FAT at your works.");
  await form.getByLabel("Drawings or spec sheets (optional)").setInputFiles({
    name: "kettle-layout.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n%%EOF\n"),
  });
  await form.getByRole("button", { name: "Send request for quotation" }).click();
  const reference = await requestReference(page);

  const lines = page.getByRole("region", { name: "What you asked for" });
  await expect(lines.getByRole("columnheader", { name: "Your target price" })).toBeVisible();
  await expect(lines.getByRole("cell", { name: "$9,250.00" })).toBeVisible();
  await expect(lines).toContainText("Capacity: 500 L (must have)");
  await expect(lines).toContainText("Supply: 480 V, 3-phase, 60 Hz (nice to have)");
  await expect(lines).toContainText("Note: Must fit through a 1.2 m door");
  await expect(page.getByRole("link", { name: "kettle-layout.pdf" })).toHaveAttribute(
    "href",
    /\/quotes\/[A-Za-z0-9_-]{43}\/attachments\/\d+$/,
  );
  const details = page.getByRole("region", { name: "Your details" });
  for (const typed of [
    "+1 504 555 0175",
    "Port of New Orleans",
    "DAP",
    "2099-03-31",
    "Please quote with FAT at your works.",
  ])
    await expect(details).toContainText(typed);

  const confirmation = await waitForMail((m) => m.to.includes(email) && m.subject.includes(reference));
  for (const body of [confirmation.text, confirmation.html]) {
    expect(body).toContain("Jacketed stainless kettle, 500 L, with anchor agitator");
    expect(body).toContain("Target price: $9,250.00 each");
    expect(body).toContain("Capacity: 500 L (must have)");
    expect(body).toContain("Supply: 480 V, 3-phase, 60 Hz (nice to have)");
    expect(body).toContain("Note: Must fit through a 1.2 m door");
    expect(body).toContain("Phone: +1 504 555 0175");
    expect(body).toContain("Delivery location: Port of New Orleans");
    expect(body).toContain("Preferred Incoterm: DAP");
    expect(body).toContain("Needed by: 2099-03-31");
    expect(body).toContain("Please quote with FAT at your works.");
    expect(body).toContain("kettle-layout.pdf");
  }
});
