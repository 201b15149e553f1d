import { approveTaxCertificate } from "../support/db";
import { buyerPage, createCompanyAs } from "../support/accounts";
import { uniqueEmail } from "../support/factories/buyers";
import { slugOf } from "../support/orders";
import { STRIPE_PORT } from "../support/stripe";
import { expect, test } from "../support/test";

const DIAPHRAGM_GAUGE = "GC-DSG100-HC-6B-FL"; // $285.00, minimum 1, single units, 9 lb

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a guest's order that neither a card nor an invoice can pay gets no form to be refused, but why and what to do", async ({
    page,
  }) => {
    // 3,600 × $285.00 = $1,026,000.00: above what a card may pay, and a guest has no invoice terms.
    await page.goto(`/products/${slugOf(DIAPHRAGM_GAUGE)}`);
    await page.getByLabel("Quantity").fill("3600");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByTestId("cart-total")).toHaveText("$1,026,000.00");
    await page.goto("/checkout");
    const why = page.getByRole("region", { name: "This order cannot be paid online now" });
    await expect(why).toContainText("Card payment is available up to $999,999.99.");
    await expect(why.getByRole("link", { name: "sign in" })).toHaveAttribute("href", "/sign-in?redirectTo=%2Fcheckout");
    await expect(why.getByRole("link", { name: "ask us for a quote" })).toHaveAttribute("href", "/quote");
    await expect(page.getByRole("button", { name: "Review order" })).toHaveCount(0);
  });

  test("the buyer reviews freight and tax before placing, and a cart changed since is reviewed again", async ({
    page,
    context,
  }) => {
    await page.goto(`/products/${slugOf(DIAPHRAGM_GAUGE)}`);
    await expect(page.getByText("Shipping weight")).toBeVisible();
    await expect(page.locator(".buy-box__terms")).toContainText("9 lb");
    await page.getByLabel("Quantity").fill("1");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByTestId("cart-total")).toHaveText("$285.00");
    await expect(page.getByTestId("cart-weight")).toContainText("Shipping weight 9 lb");
    await expect(page.getByTestId("cart-weight")).toContainText("Freight and sales tax are worked out at checkout");

    await page.goto("/checkout");
    const form = page.getByRole("form", { name: "Delivery and payment" });
    await form.getByLabel("Company", { exact: true }).fill("Bayou Process Co");
    await form.getByLabel("Your name", { exact: true }).fill("Lee Tran");
    await form.getByLabel("E-mail", { exact: true }).fill(uniqueEmail("review"));
    const address = form.getByLabel("Shipping address");
    await address.fill("12 Dock Road, Houston");
    await form.getByRole("radio", { name: /Pay by card/ }).check();
    await form.getByRole("button", { name: "Review order" }).click();
    await expect(address).toHaveValue("12 Dock Road, Houston");
    await expect(address).toHaveAttribute("aria-invalid", "true");
    await expect(
      form.getByText("End the address with the city, state and ZIP code, like Houston, TX 77002"),
    ).toHaveCount(2);
    await expect(form.getByRole("button", { name: "Place order" })).toHaveCount(0);

    await address.fill("12 Dock Road, Houston, TX 77002");
    await form.getByRole("button", { name: "Review order" }).click();
    const review = form.getByRole("region", { name: "Review your order" });
    await expect(review.getByRole("row", { name: "Goods $285.00" })).toBeVisible();
    await expect(review.getByRole("row", { name: "Freight to TX, 9 lb $15.00" })).toBeVisible();
    // 6.25% of $285.00 is $17.8125: $17.81.
    await expect(review.getByRole("row", { name: "Sales tax TX 6.25% $17.81" })).toBeVisible();
    await expect(review.getByRole("row", { name: "Total $317.81" })).toBeVisible();
    await expect(form.getByLabel("Company", { exact: true })).toHaveValue("Bayou Process Co");

    // Another tab of the same buyer adds a second gauge between the review and the order.
    const other = await context.newPage();
    await other.goto("/cart");
    await other.getByLabel(`Quantity of ${DIAPHRAGM_GAUGE}`).fill("2");
    await other.getByRole("button", { name: "Update" }).click();
    await expect(other.getByTestId("cart-total")).toHaveText("$570.00");

    await form.getByRole("button", { name: "Place order" }).click();
    await expect(page.getByRole("alert")).toContainText("The total changed since you reviewed it");
    // 18 lb is in the 11–50 lb band; 6.25% of $570.00 is $35.625: $35.63.
    await expect(review.getByRole("row", { name: "Freight to TX, 18 lb $35.00" })).toBeVisible();
    await expect(review.getByRole("row", { name: "Sales tax TX 6.25% $35.63" })).toBeVisible();
    await expect(review.getByRole("row", { name: "Total $640.63" })).toBeVisible();

    await form.getByRole("button", { name: "Place order" }).click();
    await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STRIPE_PORT}/pay/cs_test_`));
    await expect(page.getByText("Total: 640.63 USD")).toBeVisible();
    // Stripe Tax works the tax out from the ship-to address: the same $35.63 on Stripe's page.
    await expect(page.getByText("Tax: 35.63")).toBeVisible();
  });

  test("a signed-in buyer of a company with an approved certificate for the state is tax-exempt", async ({
    browser,
  }) => {
    const email = uniqueEmail("exempt");
    const company = `Exempt Works ${email.slice(0, 8)}`;
    const page = await buyerPage(browser, email, { javaScriptEnabled: false });
    await createCompanyAs(page, company);
    approveTaxCertificate(company, "TX", "TX-88-20417");

    await page.goto(`/products/${slugOf(DIAPHRAGM_GAUGE)}`);
    await page.getByLabel("Quantity").fill("1");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.goto("/checkout");
    const form = page.getByRole("form", { name: "Delivery and payment" });
    await form.getByLabel("Your name", { exact: true }).fill("Kim Ortega");
    await form.getByLabel("Shipping address").fill("7000 Navigation Blvd, Houston, TX 77011");
    await form.getByRole("button", { name: "Review order" }).click();
    const review = form.getByRole("region", { name: "Review your order" });
    await expect(review.getByRole("row", { name: "Tax-exempt, certificate TX-88-20417 $0.00" })).toBeVisible();
    await expect(review.getByRole("row", { name: "Total $300.00" })).toBeVisible();

    // Shipped to another state, the Texas certificate does not apply.
    await form.getByLabel("Shipping address").fill("12 Refinery Road, Baton Rouge, LA 70801");
    await form.getByRole("button", { name: "Review again" }).click();
    await expect(review.getByRole("row", { name: "Sales tax LA 5% $14.25" })).toBeVisible();
    await page.context().close();
  });
});
