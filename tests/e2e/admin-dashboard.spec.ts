import { expect, gotoHydrates, test } from "../support/test";
import { SALES, signIn } from "../support/admin";
import { openInInbox, salesPage, sendRevision, submitQuoteRequest } from "../support/quotes";

test.use({ javaScriptEnabled: false });

/** A figure as the trends table writes it ("$2,468.00", "3"), as a number. */
const figure = (text: string | null) => Number((text ?? "").replace(/[$,]/g, ""));

test("the dashboard's 12-week trends render as tables with sparklines, and the person is chosen without JavaScript", async ({
  page,
  browser,
}) => {
  // A buyer asks, and Sam takes the request and quotes 2 × $1,234.00 this week (both in browsers with JavaScript).
  const buyer = gotoHydrates(await (await browser.newContext({ javaScriptEnabled: true })).newPage());
  const { reference } = await submitQuoteRequest(buyer, { Company: "Trend Test Works", quantity: "2" });
  const sales = await salesPage(browser);
  await (await openInInbox(sales, reference)).getByRole("link", { name: reference }).click();
  // The figures are the owner's: Sam takes the request.
  const ownerForm = sales.getByRole("form", { name: "Owner" });
  await ownerForm.getByLabel("Owner").selectOption({ label: `${SALES.name} (${SALES.email})` });
  await ownerForm.getByRole("button", { name: "Assign" }).click();
  await expect(sales.getByRole("region", { name: "Timeline" })).toContainText(`Assigned to ${SALES.name}`);
  await sendRevision(sales, { unitPrice: "1,234.00", weeks: "4" });
  await expect(sales.getByText(/^v1 · /)).toBeVisible();

  await signIn(page, SALES);
  const everyone = page.getByRole("table", { name: /^Weekly figures: Everyone/ });
  await expect(everyone).toBeVisible();
  await expect(everyone.getByRole("columnheader")).toHaveCount(14); // figure, 12 weeks, trend
  const sent = everyone.getByRole("row", { name: /^Quotes sent/ });
  expect(figure(await sent.getByRole("cell").nth(11).textContent())).toBeGreaterThanOrEqual(1);
  await expect(sent.getByRole("img")).toHaveAttribute(
    "aria-label",
    /^Quotes sent: first week \d+, last week \d+, highest \d+$/,
  );

  // The plain GET form picks Sam: the page comes back with Sam's weeks.
  await page.getByLabel("Person").selectOption({ label: SALES.name });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\/admin\?person=\d+$/);
  const sams = page.getByRole("table", { name: new RegExp(`^Weekly figures: ${SALES.name}`) });
  await expect(sams).toBeVisible();
  const pipeline = sams.getByRole("row", { name: /^Open pipeline at week end/ });
  expect(figure(await pipeline.getByRole("cell").nth(11).textContent())).toBeGreaterThanOrEqual(2468);
  const byPerson = page.getByRole("table", { name: /^By person/ });
  await expect(byPerson.getByRole("link", { name: SALES.name })).toHaveAttribute("aria-current", "true");

  // And back to everyone by its link.
  await byPerson.getByRole("link", { name: "Everyone" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(everyone).toBeVisible();
});
