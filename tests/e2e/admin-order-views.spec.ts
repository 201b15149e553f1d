import type { Page } from "@playwright/test";
import { buyerPage, createCompanyAs } from "../support/accounts";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { backdateInvoice, queryRow, setCompanyTerms } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { salesPage } from "../support/quotes";
import { expect, test } from "../support/test";
import { orderReference, reviewAndPlace } from "../support/orders";

const DIAPHRAGM_GAUGE = "GC-DSG100-HC-6B-FL"; // $285.00, minimum 1, single units

const day = (offset: number) => {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
};

/** Ships `quantity` gauges of the order from its back-office page. */
async function ship(sales: Page, orderId: number, quantity: string, trackingNumber: string) {
  await sales.goto(`/admin/orders/${orderId}`);
  const shipping = sales.getByRole("region", { name: /Shipping/ });
  await shipping.getByLabel(`Quantity to ship of ${DIAPHRAGM_GAUGE}`).fill(quantity);
  await shipping.getByLabel("Carrier", { exact: true }).selectOption("ups");
  await shipping.getByLabel("Tracking number").fill(trackingNumber);
  await shipping.getByRole("button", { name: "Ship", exact: true }).click();
  await expect(sales.getByRole("region", { name: "Timeline" })).toContainText(`UPS ${trackingNumber}`);
}

test("an invoice order waits under To ship, moves to Shipped once all of it has left, and shows under Overdue once its due day has passed", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const company = `Queue Works ${uniqueEmail("c").slice(2, 10)}`;
  const buyer = await buyerPage(browser, uniqueEmail("queue"));
  await createCompanyAs(buyer, company);
  setCompanyTerms(company, "net30", 10_000_00);
  const { slug } = queryRow<{ slug: string }>("SELECT slug FROM products WHERE part_number = ?", DIAPHRAGM_GAUGE)!;
  await buyer.goto(`/products/${slug}`);
  await buyer.getByLabel("Quantity").fill("4");
  await buyer.getByRole("button", { name: "Add to cart" }).click();
  await expect(buyer.getByRole("status").filter({ hasText: "Added to cart." })).toBeVisible();
  await buyer.goto("/checkout");
  const form = buyer.getByRole("form", { name: "Delivery and payment" });
  await form.getByLabel("Your name", { exact: true }).fill("Quinn Queue");
  await form.getByLabel("Shipping address").fill("40 Dock Street, Mobile, AL 36602, USA");
  await form.getByRole("radio", { name: /Pay by invoice/ }).check();
  await form.getByLabel(/PO number/).fill("PO-Q-77");
  await reviewAndPlace(form);
  await expect(buyer).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
  const reference = await orderReference(buyer);
  const { id: orderId, companyId } = queryRow<{ id: number; companyId: number }>(
    "SELECT id, company_id AS companyId FROM orders WHERE reference = ?",
    reference,
  )!;

  // The company's orders, then its To ship queue by its tab: the order, unshipped, due in 30 days.
  const sales = await salesPage(browser);
  await sales.goto(`/admin/orders?company=${companyId}`);
  const queues = sales.getByRole("navigation", { name: "Work queues" });
  await queues.getByRole("link", { name: "To ship" }).click();
  await expect(sales).toHaveURL(new RegExp(`\\?view=to_ship&company=${companyId}$`));
  await expect(queues.getByRole("link", { name: "To ship" })).toHaveAttribute("aria-current", "page");
  const row = sales.getByRole("row", { name: new RegExp(reference) });
  await expect(row).toContainText("unshipped");
  await expect(row).toContainText(`${day(30)} balance $1,240.60`);

  // Half of it ships: still to ship, partly shipped; not under Shipped.
  await ship(sales, orderId, "2", "1Z999AA10123456784");
  await sales.goto(`/admin/orders?view=to_ship&company=${companyId}`);
  await expect(row).toContainText("partly shipped");
  await sales.goto(`/admin/orders?view=shipped&company=${companyId}`);
  await expect(sales.getByText("No orders here.")).toBeVisible();

  // The rest ships: under Shipped, no longer under To ship.
  await ship(sales, orderId, "2", "1Z999AA10123456785");
  await sales.goto(`/admin/orders?view=to_ship&company=${companyId}`);
  await expect(sales.getByText("No orders here.")).toBeVisible();
  await sales.goto(`/admin/orders?view=shipped&company=${companyId}`);
  await expect(row).toContainText("shipped");
  await expect(row).not.toContainText("partly");

  // Not overdue yet; 38 days on it is, with its balance; the dashboard counts it and links the queue.
  await sales.goto(`/admin/orders?view=overdue&company=${companyId}`);
  await expect(sales.getByText("No orders here.")).toBeVisible();
  backdateInvoice(reference, 38);
  await sales.reload();
  await expect(row).toContainText(`${day(-8)} balance $1,240.60`);
  await expect(sales.getByText("1 order of")).toContainText("overdue, longest overdue first.");
  await expectNoSeriousAxeViolations(sales);
  await sales.goto("/admin");
  const overdue = sales.getByRole("link", { name: /^\d+$/ }).and(sales.locator('[href="/admin/orders?view=overdue"]'));
  expect(Number(await overdue.textContent())).toBeGreaterThanOrEqual(1);
  await overdue.click();
  await expect(sales).toHaveURL(/\/admin\/orders\?view=overdue$/);
  await expect(
    sales.getByRole("navigation", { name: "Work queues" }).getByRole("link", { name: "Overdue" }),
  ).toHaveAttribute("aria-current", "page");
});
