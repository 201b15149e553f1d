import Database from "better-sqlite3";
import { pdfPages } from "../support/pdf-text";
import { expect, test } from "../support/test";
import { waitForMail } from "../support/mail";
import { SALES } from "../support/admin";
import { setQuoteValidUntil } from "../support/db";
import { orderReference } from "../support/orders";
import {
  acceptButton,
  acceptForm,
  fillShippingAddress,
  openInInbox,
  salesPage,
  sendRevision,
  SHIP_TO,
  submitQuoteRequest,
} from "../support/quotes";

test("a full revision cycle: v1, the buyer asks for changes, v2 with what changed, the buyer accepts v2 by invoice, v1 cannot be accepted, sales records the payment", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const email = `buyer-${Date.now()}@cycle.example`;
  const { url, reference } = await submitQuoteRequest(page, { Company: "Cycle Test Works", "E-mail": email });

  // Sales finds it unread at the top of its search, opens it and quotes it.
  const sales = await salesPage(browser);
  const row = await openInInbox(sales, reference);
  await expect(row).toHaveClass(/unread/);
  await row.getByRole("link", { name: reference }).click();
  await expect(sales.getByRole("heading", { level: 1 })).toContainText(reference);

  // A bad price comes back at its field with everything else as typed.
  await sendRevision(sales, { unitPrice: "twelve", weeks: "6" });
  await expect(sales.getByRole("alert").filter({ hasText: "There is a problem" })).toBeVisible();
  await expect(
    sales
      .locator("form.revision-form")
      .getByLabel(/^Unit price for/)
      .first(),
  ).toHaveAttribute("aria-invalid", "true");
  await expect(
    sales
      .locator("form.revision-form")
      .getByLabel(/^Unit price for/)
      .first(),
  ).toHaveValue("twelve");
  await expect(
    sales
      .locator("form.revision-form")
      .getByLabel(/^Included for/)
      .first(),
  ).toHaveValue("Calibration certificate");

  await sendRevision(sales, { unitPrice: "1,200.00", weeks: "6" });
  await expect(sales.getByText(/^v1 · /)).toBeVisible();
  await expect(sales.locator("h1 .status")).toHaveText("quoted");
  const sent = await waitForMail((m) => m.to.includes(email) && m.subject.includes(`${reference} v1 is ready`));
  expect(sent.text).toContain("valid until");
  // The quotation goes with it as a PDF: seller, buyer, the delivery term with its place, page N of M.
  expect(sent.attachments.map((file) => [file.filename, file.contentType])).toEqual([
    [`IronAxis-${reference}-v1.pdf`, "application/pdf"],
  ]);
  const attached = await pdfPages(Buffer.from(sent.attachments[0].content, "base64"));
  expect(attached[0]).toContain(`Quotation ${reference} — version 1`);
  expect(attached[0]).toContain("IronAxis, Inc.");
  expect(attached[0]).toContain(`Sales contact: ${SALES.name}`);
  expect(attached.join("\n")).toContain("FCA Houston, TX — Incoterms 2020");
  attached.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${attached.length}`));
  // The e-mail carries the private link again, and it opens the request.
  expect(sent.text).toContain(url);
  expect(sent.html).toContain(`href="${url}"`);

  // The buyer follows it and sees v1 with its validity, then asks for changes.
  await page.goto(url);
  await expect(page.getByRole("heading", { name: "Our quote, version 1" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /Valid for \d+ more days/ })).toBeVisible();
  const v1Id = await page.locator('input[name="revisionId"]').first().inputValue();
  await page.getByLabel("Ask for changes").fill("Can you do 4 weeks and a better unit price?");
  await page.getByRole("button", { name: "Ask for changes" }).click();
  await expect(page.getByText("Changes requested: sales is revising the quote")).toBeVisible();

  // Sales sees the buyer's move at once: unread, in "Waiting on us".
  await sales.goto("/admin/quotes?view=waiting");
  await expect(sales.getByRole("row").filter({ hasText: reference })).toHaveClass(/unread/);
  await sales.getByRole("link", { name: reference }).click();
  await expect(sales.getByText("Can you do 4 weeks and a better unit price?")).toBeVisible();
  await sendRevision(sales, { unitPrice: "1,150.00", weeks: "4" });
  await expect(sales.getByText(/^v2 · /)).toBeVisible();
  await expect(sales.getByText(/^v1 · .*superseded/)).toBeVisible();
  const salesV1 = await sales.request.get(
    (await sales.getByRole("link", { name: "Quotation PDF, version 1", includeHidden: true }).getAttribute("href"))!,
  );
  expect((await pdfPages(await salesV1.body()))[0]).toContain(`Quotation ${reference} — version 1`);

  // The buyer sees v2 and exactly what changed.
  await page.goto(url);
  await expect(page.getByRole("heading", { name: "Our quote, version 2" })).toBeVisible();
  const changes = page.locator(".quote-offer .changes");
  await expect(changes).toContainText("unit price: $1,200.00 → $1,150.00");
  await expect(changes).toContainText("lead time: 6 weeks → 4 weeks");
  await expect(changes).not.toContainText("Incoterm");

  // v1 can no longer be accepted (a stale tab posting it is refused, nothing changes).
  const stale = await page.request.post(url, {
    form: { intent: "accept", revisionId: v1Id, method: "invoice", poNumber: "PO-1", shippingAddress: SHIP_TO },
    headers: { Origin: new URL(url).origin },
  });
  expect(stale.status()).toBe(409);
  expect(await stale.text()).toContain("replaced by a newer one");

  // Accepting by invoice needs the buyer's PO number (and where to ship, as the request named no
  // delivery location); then the order is waiting for payment.
  await fillShippingAddress(page, "invoice");
  const poNumber = page.getByLabel("Your purchase order (PO) number");
  await poNumber.evaluate((input: HTMLInputElement) => input.removeAttribute("required"));
  await acceptButton(page, 2, "invoice").click();
  await expect(page.getByText("Enter your purchase order (PO) number")).toBeVisible();
  await poNumber.fill("PO-77812");
  // The PO document is optional; a file that is not a PDF, PNG or JPEG comes back at its field.
  const poDocument = page.getByLabel("Your purchase order document (optional)");
  await poDocument.setInputFiles({
    name: "po.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("<html>not a pdf</html>"),
  });
  await acceptButton(page, 2, "invoice").click();
  await expect(page.getByText("“po.pdf” is not a PDF, PNG or JPEG file.")).toBeVisible();
  await expect(poNumber).toHaveValue("PO-77812");
  await expect(acceptForm(page, "invoice").getByLabel("Shipping address")).toHaveValue(SHIP_TO);
  await expect(poDocument).toHaveAttribute("aria-invalid", "true");
  const purchaseOrder = Buffer.from("%PDF-1.4\n% PO-77812 for Cycle Test Works\n%%EOF\n");
  await poDocument.setInputFiles({ name: "PO-77812.pdf", mimeType: "application/pdf", buffer: purchaseOrder });
  await acceptButton(page, 2, "invoice").click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
  await orderReference(page); // the order page itself: the quote page shows v2's total too
  await expect(page.getByText("$2,300.00").first()).toBeVisible(); // exactly v2's total
  const buyerCopy = await page.request.get(`${page.url()}/purchase-order`);
  expect(Buffer.compare(await buyerCopy.body(), purchaseOrder)).toBe(0);
  await expect(page.getByRole("link", { name: "PO-77812.pdf" })).toBeVisible();
  await page.goto(url);
  await expect(page.getByRole("heading", { name: "Our quote, version 2 (accepted)" })).toBeVisible();
  await expect(page.getByRole("region", { name: /Your order O-/ })).toContainText("awaiting payment");
  await expect(page.getByRole("button", { name: /^Accept version/ })).toHaveCount(0);
  await waitForMail((m) => m.to.includes("sales@ironaxis.test") && m.subject.includes(`accepted ${reference} v2`));

  // Sales sees the order with the PO and records the payment.
  await sales.reload();
  await sales.getByRole("link", { name: /^O-\d{4}-\d{5}$/ }).click();
  await expect(sales.getByText("PO PO-77812")).toBeVisible();
  const salesCopy = await sales.request.get(`${sales.url()}/purchase-order`);
  expect(salesCopy.headers()["content-type"]).toBe("application/pdf");
  expect(salesCopy.headers()["content-disposition"]).toContain('filename="PO-77812.pdf"');
  expect(Buffer.compare(await salesCopy.body(), purchaseOrder)).toBe(0);
  await expect(sales.getByRole("link", { name: "PO-77812.pdf" })).toBeVisible();
  // The balance is offered; recording all of it makes the order paid.
  await sales.getByRole("button", { name: "Record payment" }).click();
  await expect(sales.locator("h1 .status")).toHaveText("paid");
  await expect(sales.getByRole("region", { name: "Timeline" })).toContainText(
    new RegExp(
      `paid by ${SALES.name} \\(\\$[\\d,.]+ received \\d{4}-\\d\\d-\\d\\d by Bank transfer \\(wire\\); balance \\$0\\.00: paid in full\\)`,
    ),
  );
  await page.goto(url);
  await expect(page.getByRole("region", { name: /Your order O-/ })).toContainText("paid");

  // The timeline records every transition with who made it, by name.
  await sales.goto(`/admin/quotes?view=accepted`);
  await sales.getByRole("link", { name: reference }).click();
  const timeline = sales.getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText(`received by Dana Miller`);
  await expect(timeline).toContainText(`quoted by ${SALES.name} (v1 sent, total $2,400.00)`);
  await expect(timeline).toContainText(`changes requested by Dana Miller (on v1)`);
  await expect(timeline).toContainText(`accepted by Dana Miller (v2 accepted)`);
  await expect(timeline).not.toContainText("buyer:");
  await expect(timeline).not.toContainText("sales:");

  // Every version stays downloadable as its own quotation; without a version, the current one.
  await page.getByText("Earlier versions").click();
  const v1Pdf = await page.request.get(
    (await page.getByRole("link", { name: "Download version 1 as PDF" }).getAttribute("href"))!,
  );
  expect(v1Pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdfPages(await v1Pdf.body()))[0]).toContain("$1,200.00");
  const current = await pdfPages(await (await page.request.get(`${url}/quote.pdf`)).body());
  expect(current[0]).toContain(`Quotation ${reference} — version 2`);
  expect(current[0]).toContain("$1,150.00");
  expect((await page.request.get(`${url}/quote.pdf?version=3`)).status()).toBe(404);
});

test("a quote past its last valid day becomes expired on its own and cannot be accepted", async ({ page, browser }) => {
  const { url, reference } = await submitQuoteRequest(page, { Company: "Expiry Test Co" });
  const sales = await salesPage(browser);
  await (await openInInbox(sales, reference)).getByRole("link", { name: reference }).click();
  await sendRevision(sales, { unitPrice: "900", weeks: "1" });
  await expect(sales.getByText(/^v1 · /)).toBeVisible();
  await page.goto(url);
  await expect(page.getByRole("cell", { name: "1 week", exact: true })).toBeVisible();
  await expect(acceptButton(page, 1, "card")).toBeVisible();
  const revisionId = await page.locator('input[name="revisionId"]').first().inputValue();

  // Time passes: the validity date moves into the past, as it would overnight.
  setQuoteValidUntil(reference, "2020-01-31");

  await page.reload();
  await expect(page.locator(".status-badge")).toHaveText("expired");
  await expect(page.getByRole("button", { name: /^Accept version/ })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("Expired (validity ended)");
  const late = await page.request.post(url, {
    form: { intent: "accept", revisionId, method: "card", shippingAddress: SHIP_TO },
    headers: { Origin: new URL(url).origin },
  });
  expect(late.status()).toBe(409);
  expect(await late.text()).toContain("This quote has expired");
  await sales.goto("/admin/quotes?view=closed");
  await expect(sales.getByRole("row").filter({ hasText: reference })).toContainText("expired");
  await sales.getByRole("link", { name: reference }).click();
  await expect(sales.getByRole("region", { name: "Timeline" })).toContainText(
    "expired by IronAxis (automatically) (validity ended)",
  );
});

/** The request's own rows (its status, read mark, events and e-mails), for checking that a read wrote nothing. */
function requestSnapshot(reference: string) {
  const sqlite = new Database(process.env.E2E_DATABASE_PATH!, { readonly: true });
  try {
    const request = sqlite.prepare("select * from quote_requests where reference = ?").get(reference) as {
      id: number;
      email: string;
    };
    return JSON.stringify({
      request,
      events: sqlite.prepare("select * from quote_events where request_id = ? order by id").all(request.id),
      mails: sqlite.prepare(`select id from outbox_emails where "to" = ? order by id`).all(request.email),
    });
  } finally {
    sqlite.close();
  }
}

test("hovering a request in the inbox or fetching its data leaves it unread; opening it marks it read; read and unread by hand without JavaScript", async ({
  page,
  browser,
}) => {
  const { reference } = await submitQuoteRequest(page, { Company: "Hover Test Ltd" });
  const sales = await salesPage(browser);
  const row = await openInInbox(sales, reference);
  await expect(row).toHaveClass(/unread/);
  const before = requestSnapshot(reference);

  // Hovering the link prefetches the request page's data; so does any GET of it.
  const link = row.getByRole("link", { name: reference });
  const id = (await link.getAttribute("href"))!.split("/").at(-1)!;
  const prefetched = sales.waitForResponse((response) => response.url().includes(`/admin/quotes/${id}.data`));
  await link.hover();
  expect((await prefetched).status()).toBe(200);
  expect((await sales.request.get(`/admin/quotes/${id}.data`)).status()).toBe(200);
  expect((await sales.request.get(`/admin/quotes/${id}`)).status()).toBe(200);
  expect(requestSnapshot(reference)).toBe(before);
  await sales.reload();
  await expect(sales.getByRole("row").filter({ hasText: reference })).toHaveClass(/unread/);

  // Opening it in the browser marks it read.
  const marked = sales.waitForResponse(
    (response) => response.request().method() === "POST" && response.url().includes(`/admin/quotes/${id}`),
  );
  await sales.getByRole("row").filter({ hasText: reference }).getByRole("link", { name: reference }).click();
  expect((await marked).status()).toBe(200);
  await expect(sales.getByRole("button", { name: "Mark as unread" })).toBeVisible();
  await (await openInInbox(sales, reference)).waitFor();
  await expect(sales.getByRole("row").filter({ hasText: reference })).not.toHaveClass(/unread/);

  // Without JavaScript, the page marks nothing by itself; the buttons do.
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await sales.context().storageState(),
  });
  const plain = await noScript.newPage();
  await plain.goto(`/admin/quotes/${id}`);
  await plain.getByRole("button", { name: "Mark as unread" }).click();
  await expect(plain.getByRole("button", { name: "Mark as read" })).toBeVisible();
  await plain.goto(`/admin/quotes/${id}`);
  await expect(plain.getByRole("button", { name: "Mark as read" })).toBeVisible();
  await plain.getByRole("button", { name: "Mark as read" }).click();
  await expect(plain.getByRole("button", { name: "Mark as unread" })).toBeVisible();
  await noScript.close();
});

test("declining needs a reason, kept at its field; the buyer gets the reason by e-mail with their private link", async ({
  page,
  browser,
}) => {
  const email = `declined-${Date.now()}@decline.example`;
  const { url, reference } = await submitQuoteRequest(page, { Company: "Decline Test Co", "E-mail": email });
  const sales = await salesPage(browser);
  await (await openInInbox(sales, reference)).getByRole("link", { name: reference }).click();
  await expect(sales.getByRole("button", { name: "Mark as unread" })).toBeVisible(); // hydrated, and read

  const reason = sales.getByLabel("Reason (sent to the buyer)");
  await reason.fill("   ");
  await sales.getByRole("button", { name: "Decline request" }).click();
  await expect(sales.getByText("Give the buyer a reason: it is sent to them")).toBeVisible();
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(sales.locator("h1 .status")).toHaveText("received");

  await reason.fill("We do not ship to this region.");
  await sales.getByRole("button", { name: "Decline request" }).click();
  await expect(sales.locator("h1 .status")).toHaveText("declined");
  const mail = await waitForMail(
    (m) => m.to.includes(email) && m.subject.includes(`${reference}`) && m.subject.includes("cannot quote"),
  );
  expect(mail.text).toContain("We do not ship to this region.");
  expect(mail.text).toContain(url);
  expect(mail.html).toContain(`href="${url}"`);
  await page.goto(url);
  await expect(page.locator(".status-badge")).toHaveText("declined");
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("We do not ship to this region.");
});

test("sales quotes a request it declined after all; the buyer declines the quote, and sales is told with a link", async ({
  page,
  browser,
}) => {
  const { url, reference } = await submitQuoteRequest(page, {
    Company: "Second Thoughts Co",
    "E-mail": `second-${Date.now()}@thoughts.example`,
  });
  const sales = await salesPage(browser);
  await (await openInInbox(sales, reference)).getByRole("link", { name: reference }).click();
  await expect(sales.getByRole("button", { name: "Mark as unread" })).toBeVisible(); // hydrated, and read
  await sales.getByLabel("Reason (sent to the buyer)").fill("Not our line.");
  await sales.getByRole("button", { name: "Decline request" }).click();
  await expect(sales.locator("h1 .status")).toHaveText("declined");

  // A mistake undone: the declined request is quoted.
  await sendRevision(sales, { unitPrice: "2,150.00", weeks: "3" });
  await expect(sales.locator("h1 .status")).toHaveText("quoted");

  await page.goto(url);
  await page.getByRole("button", { name: "Decline the quote and close this request" }).click();
  await expect(page.locator(".status-badge")).toHaveText("withdrawn");
  await expect(page.getByRole("button", { name: /Decline the quote|Withdraw/ })).toHaveCount(0);
  const mail = await waitForMail((m) => m.subject === `Second Thoughts Co withdrew ${reference}, declining v1`);
  expect(mail.text).toMatch(new RegExp(`/admin/quotes/\\d+`));
  await sales.reload();
  await expect(sales.locator("h1 .status")).toHaveText("withdrawn");
  await expect(sales.locator("form.revision-form")).toHaveCount(0);
});
