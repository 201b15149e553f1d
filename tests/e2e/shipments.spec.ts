import { type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { expect, test } from "../support/test";
import { queryRow } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { waitForMail } from "../support/mail";
import { addToCart, checkout, orderReference, reviewAndPlace } from "../support/orders";
import { pdfPages } from "../support/pdf-text";
import { salesPage } from "../support/quotes";
import { STRIPE_PORT } from "../support/stripe";

const UTILITY_GAUGE = "IAX-PG50-BR-11B"; // $24.00, minimum 20, packs of 10
const DIAPHRAGM_GAUGE = "GC-DSG100-HC-6B-FL"; // $285.00, single units
const UPS_NUMBER = "1Z999AA10123456784";
const UPS_LINK = `https://www.ups.com/track?tracknum=${UPS_NUMBER}`;

/** Places a card order of 20 utility gauges and 3 diaphragm gauges, and leaves it on the payment page. */
async function placeCardOrder(page: Page, email: string) {
  await addToCart(page, UTILITY_GAUGE, "20");
  await addToCart(page, DIAPHRAGM_GAUGE, "3");
  const form = await checkout(page, { email, po: "PO-5512" });
  await reviewAndPlace(form);
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STRIPE_PORT}/pay/cs_test_`));
}

const orderId = (email: string) => queryRow<{ id: number }>("SELECT id FROM orders WHERE email = ?", email)!.id;
const lineId = (id: number, partNumber: string) =>
  queryRow<{ id: number }>("SELECT id FROM order_lines WHERE order_id = ? AND part_number = ?", id, partNumber)!.id;

test("paid → part shipped with tracking → the buyer sees it and what is back-ordered → the rest shipped → delivered", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("ship");
  await placeCardOrder(page, email);
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid: thank you");
  const reference = await orderReference(page);
  const orderPage = page.url().split("?")[0];
  await expect(page.getByRole("heading", { name: "Shipments" })).toHaveCount(0);
  const id = orderId(email);

  // Sales ships part: more than remains comes back at its field, with what was typed.
  const sales = await salesPage(browser);
  await sales.goto(`/admin/orders/${id}`);
  const shipping = sales.getByRole("region", { name: /Shipping/ });
  await expect(shipping.getByRole("heading", { level: 2 })).toHaveText("Shipping (unshipped)");
  const utility = shipping.getByLabel(`Quantity to ship of ${UTILITY_GAUGE}`);
  const diaphragm = shipping.getByLabel(`Quantity to ship of ${DIAPHRAGM_GAUGE}`);
  await expect(utility).toHaveValue("20");
  await expect(diaphragm).toHaveValue("3");
  await utility.fill("10");
  await diaphragm.fill("5");
  await shipping.getByLabel("Carrier", { exact: true }).selectOption("ups");
  await shipping.getByLabel("Tracking number").fill(UPS_NUMBER);
  await shipping.getByRole("button", { name: "Ship", exact: true }).click();
  await expect(shipping.getByText("Only 3 left to ship on this line")).toBeVisible();
  await expect(diaphragm).toHaveValue("5");
  await expect(diaphragm).toHaveAttribute("aria-invalid", "true");
  await expect(utility).toHaveValue("10");
  await expect(shipping.getByLabel("Tracking number")).toHaveValue(UPS_NUMBER);
  await expect(shipping.getByLabel("Carrier", { exact: true })).toHaveValue("ups");
  await expectNoSeriousAxeViolations(sales);
  await diaphragm.fill("1");
  await shipping.getByRole("button", { name: "Ship", exact: true }).click();
  await expect(shipping.getByRole("heading", { level: 2 })).toHaveText("Shipping (partly shipped)");
  await expect(shipping.getByTestId(`back-ordered-${lineId(id, UTILITY_GAUGE)}`)).toHaveText("10");
  await expect(shipping.getByTestId(`back-ordered-${lineId(id, DIAPHRAGM_GAUGE)}`)).toHaveText("2");
  await expect(utility).toHaveValue("10");
  await expect(diaphragm).toHaveValue("2");
  await expect(sales.getByRole("region", { name: "Timeline" })).toContainText(`Shipment 1: 2 lines, UPS ${UPS_NUMBER}`);

  // The buyer's page: shipment 1 with its tracking link, and the back-ordered rest.
  await page.goto(orderPage);
  const shipments = page.getByRole("region", { name: "Shipments" });
  await expect(shipments.getByRole("heading", { name: "Shipment 1" })).toBeVisible();
  const tracking = shipments.getByRole("link", { name: `UPS ${UPS_NUMBER}` });
  await expect(tracking).toHaveAttribute("href", UPS_LINK);
  await expect(tracking).toHaveAttribute("rel", "noopener noreferrer");
  await expect(shipments.getByText("On its way")).toBeVisible();
  await expect(page.getByTestId("still-to-ship")).toContainText(`10 × `);
  await expect(page.getByTestId("still-to-ship")).toContainText(`2 × `);
  await expect(page.getByTestId("order-status")).toHaveText("Paid: thank you");
  await expectNoSeriousAxeViolations(page);

  const mail = await waitForMail(
    (m) => m.to.includes(email) && m.subject === `Shipment 1 of order ${reference} is on its way`,
  );
  expect(mail.text).toContain(`Track the shipment: ${UPS_LINK}`);
  expect(mail.text).toContain("Still to ship (back-ordered):");
  expect(mail.text).toContain(orderPage);
  expect(mail.html).toContain(`href="${UPS_LINK}"`);

  // The packing slip: addresses, reference, PO, tracking, quantities, and no prices.
  const slip = await page.request.get(`${orderPage}/shipments/1/packing-slip.pdf`);
  expect(slip.status()).toBe(200);
  expect(slip.headers()["content-type"]).toBe("application/pdf");
  const text = (await pdfPages(await slip.body())).join("\n");
  for (const expected of [
    `Packing slip — order ${reference}, shipment 1`,
    "PO PO-5512",
    `UPS ${UPS_NUMBER}`,
    "12 Refinery Road, Baton Rouge, LA 70801, USA",
    "IronAxis, Inc.",
    UTILITY_GAUGE,
    "Back-ordered",
  ])
    expect(text).toContain(expected);
  expect(text).not.toMatch(/\$\d/);
  expect((await page.request.get(`${orderPage}/shipments/3/packing-slip.pdf`)).status()).toBe(404);
  expect((await sales.request.get(`/admin/orders/${id}/shipments/1/packing-slip.pdf`)).status()).toBe(200);

  // The rest ships with another carrier and its own link.
  await shipping.getByLabel("Carrier", { exact: true }).selectOption("other");
  await shipping.getByLabel("Tracking number").fill("PRO 88123");
  await shipping.getByLabel(/Tracking link/).fill("https://freight.example/track/88123");
  await shipping.getByRole("button", { name: "Ship", exact: true }).click();
  await expect(shipping.getByRole("heading", { level: 2 })).toHaveText("Shipping (shipped)");
  await expect(shipping.getByRole("button", { name: "Ship", exact: true })).toHaveCount(0);
  await shipping.getByRole("button", { name: "Mark shipment 1 delivered" }).click();
  await expect(shipping.getByRole("button", { name: "Mark shipment 1 delivered" })).toHaveCount(0);
  await shipping.getByRole("button", { name: "Mark shipment 2 delivered" }).click();
  await expect(shipping.getByRole("heading", { level: 2 })).toHaveText("Shipping (delivered)");

  await page.goto(orderPage);
  await expect(shipments.getByRole("heading", { name: "Shipment 2" })).toBeVisible();
  await expect(shipments.getByRole("link", { name: "Freight or other carrier PRO 88123" })).toHaveAttribute(
    "href",
    "https://freight.example/track/88123",
  );
  await expect(shipments.getByText(/^Delivered /)).toHaveCount(2);
  await expect(page.getByTestId("still-to-ship")).toHaveCount(0);
  await waitForMail((m) => m.to.includes(email) && m.subject === `Shipment 2 of order ${reference} was delivered`);
});

test("a cancelled order offers no ship form, and a forged ship is refused with a message", async ({
  page,
  browser,
  baseURL,
}) => {
  const email = uniqueEmail("ship-cancelled");
  await placeCardOrder(page, email);
  const id = orderId(email);
  const sales = await salesPage(browser);
  await sales.goto(`/admin/orders/${id}`);
  await sales.getByLabel("Reason for cancelling (sent to the buyer)").fill("The buyer ordered by phone instead");
  await sales.getByRole("button", { name: "Cancel the order" }).click();
  await expect(sales.locator("h1 .status")).toHaveText("cancelled");
  await expect(sales.getByRole("form", { name: "Ship" })).toHaveCount(0);
  await expect(sales.getByRole("button", { name: "Ship", exact: true })).toHaveCount(0);

  const forged = await sales.request.post(`/admin/orders/${id}`, {
    form: {
      intent: "ship",
      requestKey: "forged-page-view-key",
      [`ship-${lineId(id, DIAPHRAGM_GAUGE)}`]: "1",
      carrier: "ups",
      trackingNumber: UPS_NUMBER,
    },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(409);
  expect(await forged.text()).toContain("This order is cancelled: only a paid or invoiced order ships.");
  expect(queryRow<{ n: number }>("SELECT count(*) AS n FROM shipments WHERE order_id = ?", id)!.n).toBe(0);
});
