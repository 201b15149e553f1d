import crypto from "node:crypto";
import type { APIResponse, Page } from "@playwright/test";
import {
  accept,
  backOfficePage,
  buyerPage,
  createCompanyAs,
  invitationToken,
  invite,
  nextSignInMail,
  post,
} from "../support/accounts";
import { ADMIN, SALES } from "../support/admin";
import { countRows, queryRow, setCompanyTerms } from "../support/db";
import { uniqueEmail } from "../support/factories/buyers";
import { expectNoSeriousAxeViolations } from "../support/axe";
import { waitForMail } from "../support/mail";
import { submitQuoteRequest } from "../support/quotes";
import { expect, test } from "../support/test";

const peopleRow = (page: Page, email: string) =>
  page.getByRole("table", { name: "People" }).getByRole("row").filter({ hasText: email });

test("a buyer creates a company and invites a colleague, who signs in with that e-mail, accepts and is listed with the role", async ({
  browser,
}) => {
  // Three sign-ins and two axe runs: 37 s on a busy machine.
  test.setTimeout(90_000);
  const company = `Flow Works ${uniqueEmail("c").slice(2, 10)}`;
  const ownerEmail = uniqueEmail("owner");
  const colleagueEmail = uniqueEmail("colleague");
  const owner = await buyerPage(browser, ownerEmail);
  await createCompanyAs(owner, company);
  await expect(peopleRow(owner, ownerEmail)).toContainText("Company admin");

  await invite(owner, colleagueEmail, "Approver", "2,500");
  await expect(owner.getByRole("table", { name: "Pending invitations" })).toContainText(colleagueEmail);
  const token = await invitationToken(colleagueEmail, company);

  // The colleague opens the link before signing in (and without JavaScript): sign in, and back.
  const colleague = await buyerPage(browser, undefined, { javaScriptEnabled: false });
  await colleague.goto(`/account/invitations/${token}`);
  await expect(colleague).toHaveURL(/\/sign-in\?redirectTo=%2Faccount%2Finvitations%2F/);
  await expect(colleague.locator("body")).not.toContainText(company);
  const { code } = await nextSignInMail(colleagueEmail, async () => {
    await colleague.getByLabel("E-mail", { exact: true }).fill(colleagueEmail);
    await colleague.getByRole("button", { name: "Send me a code" }).click();
    await expect(colleague.getByLabel("Sign-in code")).toBeVisible();
  });
  await colleague.getByLabel("Sign-in code").fill(code);
  await colleague.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(colleague).toHaveURL(new RegExp(`/account/invitations/${token}$`));
  await accept(colleague, token, company);
  // A colleague who does not manage people sees the people, but no forms to change them.
  await expect(peopleRow(colleague, colleagueEmail)).toContainText("Approver");
  await expect(colleague.getByRole("heading", { name: "Invite a colleague" })).toHaveCount(0);

  await owner.goto("/account/company");
  await expect(peopleRow(owner, colleagueEmail)).toContainText("Approver");
  await expect(peopleRow(owner, colleagueEmail)).toContainText("$2,500.00");
  await expect(owner.getByText("None.")).toBeVisible();
  await expectNoSeriousAxeViolations(owner);

  // Sales finds the company by the start of its name, in any case, and sees its people.
  const sales = await backOfficePage(browser, SALES);
  await sales.goto("/admin");
  await sales.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Companies" }).click();
  const prefix = company.slice(0, 12).toLowerCase();
  await sales.getByLabel("Name starts with").fill(prefix);
  await sales.getByRole("button", { name: "Search companies" }).click();
  // The unfiltered list may show the company too: its row moves when the results arrive.
  await expect(sales.getByText(`whose name starts with “${prefix}”`)).toBeVisible();
  await sales.getByRole("link", { name: company }).click();
  await expect(sales.getByRole("heading", { level: 1 })).toHaveText(company);
  await expect(sales.getByRole("table", { name: "People (2)" })).toContainText(colleagueEmail);
  await expect(
    sales.getByRole("table", { name: "People (2)" }).getByRole("row").filter({ hasText: colleagueEmail }),
  ).toContainText("Approver");
  await expectNoSeriousAxeViolations(sales);

  // Sales makes the admin its account owner: the company's next request is announced to them, and
  // their inbox's "my accounts" lists it.
  await sales
    .getByRole("combobox", { name: "Account owner" })
    .selectOption({ label: `${ADMIN.name} (${ADMIN.email})` });
  await sales.getByRole("button", { name: "Save owner" }).click();
  await expect(sales.getByRole("status")).toHaveText("Saved.");
  const { reference } = await submitQuoteRequest(owner, { Company: company, "E-mail": ownerEmail });
  const announced = await waitForMail((m) => m.subject.startsWith(`New quote request ${reference}`));
  expect(announced.to).toContain(ADMIN.email);
  const admin = await backOfficePage(browser, ADMIN);
  // This company's requests only: other tests may make the admin an account owner too.
  const companyId = queryRow<{ id: number }>("SELECT id FROM companies WHERE name = ?", company)!.id;
  await admin.goto(`/admin/quotes?view=all&mine=1&company=${companyId}`);
  await expect(admin.getByRole("link", { name: reference })).toBeVisible();
  await expect(admin.getByRole("table").getByRole("row")).toHaveCount(2);
});

test("a buyer gets no invite form and a forged invite is refused with nothing written; the last admin cannot leave; who leaves no longer sees the company's requests", async ({
  browser,
}) => {
  const company = `Valve Co ${uniqueEmail("c").slice(2, 10)}`;
  const ownerEmail = uniqueEmail("owner");
  const buyerEmail = uniqueEmail("buyer");
  const owner = await buyerPage(browser, ownerEmail, { javaScriptEnabled: false });
  await createCompanyAs(owner, company);
  await invite(owner, buyerEmail, "Buyer", "1,000");
  const buyer = await buyerPage(browser, buyerEmail);
  await accept(buyer, await invitationToken(buyerEmail, company), company);

  await expect(buyer.getByLabel("Colleague’s e-mail")).toHaveCount(0);
  await expect(buyer.getByRole("button", { name: "Remove" })).toHaveCount(0);
  const forgedEmail = uniqueEmail("forged");
  const forged = await post(buyer, "/account/company", { intent: "invite", email: forgedEmail, role: "company_admin" });
  expect(forged.status()).toBe(403);
  expect(countRows("SELECT count(*) AS n FROM company_invitations WHERE email = ?", forgedEmail)).toBe(0);
  expect(countRows('SELECT count(*) AS n FROM outbox_emails WHERE "to" = ?', forgedEmail)).toBe(0);

  // The last company admin stays while others remain.
  await owner.goto("/account/company");
  await owner.getByRole("button", { name: "Leave company" }).click();
  await expect(owner.getByRole("alert")).toContainText("last company admin");
  await owner.goto("/account/company");
  await expect(owner.getByRole("heading", { level: 1, name: company })).toBeVisible();

  // A request the buyer sends while signed in is the company's; when they leave, it stays there.
  const { reference } = await submitQuoteRequest(buyer, { Company: company, "E-mail": buyerEmail });
  const requestLink = (page: Page) =>
    page.getByRole("region", { name: "Quote requests" }).getByRole("link", { name: reference });
  await buyer.goto("/account");
  await expect(requestLink(buyer)).toBeVisible();
  await owner.goto("/account");
  await expect(requestLink(owner)).toBeVisible();

  await buyer.goto("/account/company");
  await buyer.getByRole("button", { name: "Leave company" }).click();
  await expect(buyer.getByRole("status")).toContainText("You have left the company");
  await expect(buyer.getByRole("button", { name: "Create company" })).toBeVisible();
  await buyer.goto("/account");
  await expect(buyer.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(buyer.getByText(reference)).toHaveCount(0);
  await expect(buyer.getByText(company)).toHaveCount(0);
  await owner.goto("/account");
  await expect(requestLink(owner)).toBeVisible();
});

test("sales makes a company account from a guest's request: the buyer signs in with that e-mail, accepts, and finds the request in the company", async ({
  browser,
}) => {
  const guestEmail = uniqueEmail("guest");
  const company = `Delta Pumps ${uniqueEmail("c").slice(2, 10)}`;
  const guest = await buyerPage(browser);
  const { reference } = await submitQuoteRequest(guest, { Company: "Delta Pumps", "E-mail": guestEmail });
  const requestId = queryRow<{ id: number }>("SELECT id FROM quote_requests WHERE reference = ?", reference)!.id;

  const sales = await backOfficePage(browser, SALES);
  await sales.goto(`/admin/quotes/${requestId}`);
  const form = sales.getByRole("form", { name: "Company account from this request" });
  await expect(form.getByLabel("Company account")).toHaveValue("Delta Pumps");
  await form.getByLabel("Company account").fill(company);
  await form.getByRole("button", { name: `Create it and invite ${guestEmail}` }).click();
  await expect(sales.getByRole("link", { name: company })).toBeVisible();

  const token = await invitationToken(guestEmail, company);
  const buyer = await buyerPage(browser, guestEmail);
  await accept(buyer, token, company);
  await expect(peopleRow(buyer, guestEmail)).toContainText("Company admin");
  await buyer.goto("/account");
  await expect(
    buyer.getByRole("region", { name: "Quote requests" }).getByRole("link", { name: reference }),
  ).toBeVisible();
  // A second company from the same request is refused at the field.
  expect(
    (await post(sales, `/admin/quotes/${requestId}`, { intent: "create-company", companyName: "Again" })).status(),
  ).toBe(409);

  // The inbox narrowed to the company lists its one request, and "All companies" widens it again.
  const { companyId } = queryRow<{ companyId: number }>(
    "SELECT company_id AS companyId FROM quote_requests WHERE id = ?",
    requestId,
  )!;
  await sales.goto(`/admin/quotes?view=all&company=${companyId}`);
  await expect(sales.getByText(`1 request of ${company}.`)).toBeVisible();
  await expect(sales.getByRole("table").getByRole("link")).toHaveText([reference]);
  await sales.getByRole("link", { name: "All companies" }).click();
  await expect(sales.getByText(/^[\d,]+ requests?\. Waiting on us first/)).toBeVisible();
  await expect(sales.getByRole("link", { name: "All companies" })).toHaveCount(0);
});

type Outcome = "200" | "403" | "404" | "409" | "sign-in" | "admin-login" | "done";

function outcomeOf(response: APIResponse): Outcome {
  const status = response.status();
  if (status >= 300 && status < 400) {
    const path = new URL(response.headers().location ?? "", "http://site.invalid").pathname;
    if (path === "/sign-in") return "sign-in";
    if (path === "/admin/login") return "admin-login";
    return "done";
  }
  return String(status) as Outcome;
}

test("authorization matrix: every actor on every company route and action gets the allowed answer, and no refusal shows another company", async ({
  browser,
}) => {
  // Nine browsers signed in, two companies set up, then 160 requests.
  test.setTimeout(150_000);
  const tag = uniqueEmail("m").slice(2, 10);
  const ours = { name: `Matrix Works ${tag}`, owner: uniqueEmail("owner"), buyer: uniqueEmail("buyer") };
  const theirs = { name: `Other Plant ${tag}`, admin: uniqueEmail("other-admin"), buyer: uniqueEmail("other-buyer") };
  const approverEmail = uniqueEmail("approver");
  const inviteeEmail = uniqueEmail("invitee");

  // Two companies with their people, set up through the site.
  const pages = {
    anonymous: await buyerPage(browser),
    otherBuyer: await buyerPage(browser, theirs.buyer),
    otherAdmin: await buyerPage(browser, theirs.admin),
    invitee: await buyerPage(browser, inviteeEmail),
    buyer: await buyerPage(browser, ours.buyer),
    approver: await buyerPage(browser, approverEmail),
    owner: await buyerPage(browser, ours.owner),
    sales: await backOfficePage(browser, SALES),
    admin: await backOfficePage(browser, ADMIN),
  };
  type Actor = keyof typeof pages;
  for (const [page, name] of [
    [pages.owner, ours.name],
    [pages.otherAdmin, theirs.name],
  ] as const)
    expect(outcomeOf(await post(page, "/account/company", { intent: "create-company", name }))).toBe("done");
  const join = async (admin: Page, member: Page, email: string, role: string, company: string, limit = "") => {
    const form = { intent: "invite", email, role, spendingLimitCents: limit };
    expect(outcomeOf(await post(admin, "/account/company", form))).toBe("done");
    const token = await invitationToken(email, company);
    expect(outcomeOf(await post(member, `/account/invitations/${token}`))).toBe("done");
  };
  await join(pages.owner, pages.buyer, ours.buyer, "buyer", ours.name, "1");
  await join(pages.owner, pages.approver, approverEmail, "approver", ours.name);
  await join(pages.otherAdmin, pages.otherBuyer, theirs.buyer, "buyer", theirs.name);
  for (const email of [inviteeEmail, uniqueEmail("spare")])
    expect(outcomeOf(await post(pages.owner, "/account/company", { intent: "invite", email, role: "buyer" }))).toBe(
      "done",
    );
  const inviteeToken = await invitationToken(inviteeEmail, ours.name);
  // Our buyer, whose limit is $1, orders more: the order waits for an approver.
  const product = queryRow<{ id: number }>(
    "SELECT id FROM products WHERE status = 'active' AND price_cents > 100 AND min_order_qty = 1 AND pack_size = 1 LIMIT 1",
  )!.id;
  expect(outcomeOf(await post(pages.buyer, "/cart", { intent: "add", productId: product, quantity: 1 }))).toBe("done");
  setCompanyTerms(ours.name, "net30", 1_000_000_00);
  const checkout = {
    company: ours.name,
    contactName: "Matrix Buyer",
    email: ours.buyer,
    shippingAddress: "1 Matrix Way, Houston, TX 77001",
    poNumber: "PO-M1",
    paymentMethod: "invoice",
    submissionKey: crypto.randomBytes(32).toString("base64url"),
  };
  // Placed at the total the review showed (goods, freight and tax).
  const review = await post(pages.buyer, "/checkout", { ...checkout, intent: "review" });
  expect(review.status()).toBe(200);
  const reviewedTotalCents = /name="reviewedTotalCents" value="(\d+)"/.exec(await review.text())?.[1];
  expect(reviewedTotalCents).toBeDefined();
  expect(
    outcomeOf(
      await post(pages.buyer, "/checkout", { ...checkout, intent: "place", reviewedTotalCents: reviewedTotalCents! }),
    ),
  ).toBe("done");
  const waiting = queryRow<{ id: number; status: string }>(
    "SELECT id, status FROM orders WHERE email = ? ORDER BY id DESC LIMIT 1",
    ours.buyer,
  )!;
  expect(waiting.status).toBe("awaiting_approval");
  const idOf = (email: string) => queryRow<{ id: number }>("SELECT id FROM customers WHERE email = ?", email)!.id;
  const companyId = queryRow<{ id: number }>("SELECT id FROM companies WHERE name = ?", ours.name)!.id;
  const spareInvitation = queryRow<{ id: number }>(
    "SELECT id FROM company_invitations WHERE company_id = ? AND email LIKE 'spare-%' AND accepted_at IS NULL",
    companyId,
  )!.id;

  // Two saved lists of our company: the owner's (empty), and the buyer's with a line.
  const lists = { owner: `Owner list ${tag}`, buyer: `Buyer list ${tag}`, renamed: `Renamed list ${tag}` };
  expect(outcomeOf(await post(pages.owner, "/account/lists", { intent: "create-list", name: lists.owner }))).toBe(
    "done",
  );
  const firstLine = { intent: "add-to-list", productId: product, newListName: lists.buyer, quantity: 1 };
  expect(outcomeOf(await post(pages.buyer, "/account/lists", firstLine))).toBe("done");
  const listIdOf = (name: string) => queryRow<{ id: number }>("SELECT id FROM saved_lists WHERE name = ?", name)!.id;
  const ownersList = listIdOf(lists.owner);
  const buyersList = listIdOf(lists.buyer);
  const buyersLine = queryRow<{ id: number }>("SELECT id FROM saved_list_lines WHERE list_id = ?", buyersList)!.id;

  const customersAll = (answer: Outcome) =>
    ({
      otherBuyer: answer,
      otherAdmin: answer,
      invitee: answer,
      buyer: answer,
      approver: answer,
      owner: answer,
    }) as const;
  const omit = <T extends object, K extends keyof T>(object: T, key: K) =>
    Object.fromEntries(Object.entries(object).filter(([name]) => name !== key)) as Omit<T, K>;
  const notBuyers = { anonymous: "sign-in", sales: "sign-in", admin: "sign-in" } as const;
  const backOffice = (answer: Outcome) =>
    ({ anonymous: "admin-login", ...customersAll("admin-login"), sales: answer, admin: answer }) as const;

  // Each check lists its actors in the order they try it: refusals first, so an allowed write
  // (which may change who is where) comes after them.
  type Check = {
    what: string;
    send: (page: Page) => Promise<APIResponse>;
    expected: Partial<Record<Actor, Outcome>>;
  };
  const form = (fields: Record<string, string | number>) => (page: Page) => post(page, "/account/company", fields);
  const get = (path: string) => (page: Page) => page.request.get(path, { maxRedirects: 0 });
  // The certificate upload is the company page's one multipart form.
  const uploadCertificate = (number: string) => (page: Page) =>
    page.request.post("/account/company", {
      multipart: {
        intent: "upload-tax-certificate",
        issuingState: "TX",
        certificateNumber: number,
        file: { name: "certificate.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") },
      },
      headers: { Origin: new URL(test.info().project.use.baseURL!).origin },
      maxRedirects: 0,
    });
  const certificateOf = (companyName: string) =>
    queryRow<{ id: number; companyId: number }>(
      "SELECT c.id, c.company_id AS companyId FROM tax_exempt_certificates c JOIN companies ON companies.id = c.company_id WHERE companies.name = ? ORDER BY c.id DESC LIMIT 1",
      companyName,
    )!;
  const listForm = (listId: number, fields: Record<string, string | number>) => (page: Page) =>
    post(page, `/account/lists/${listId}`, fields);
  const ourMembers = (answer: Outcome) => ({ buyer: answer, approver: answer, owner: answer }) as const;
  const checks: Check[] = [
    { what: "GET /account/company", send: get("/account/company"), expected: { ...notBuyers, ...customersAll("200") } },
    {
      what: "upload a tax-exempt certificate",
      send: uploadCertificate(`M-${tag}`),
      // Each company admin uploads their own company's; the invitee is in no company yet.
      expected: { ...notBuyers, ...customersAll("403"), otherAdmin: "done", owner: "done" },
    },
    {
      what: "GET our tax-exempt certificate's file",
      send: (page) => get(`/account/company/tax-certificate/${certificateOf(ours.name).id}`)(page),
      expected: { ...notBuyers, ...customersAll("404"), buyer: "200", approver: "200", owner: "200" },
    },
    {
      what: "GET our tax-exempt certificate's file in the back office",
      send: (page) => get(`/admin/companies/${companyId}/tax-certificate/${certificateOf(ours.name).id}`)(page),
      expected: backOffice("200"),
    },
    {
      what: "GET their tax-exempt certificate's file under our company's back-office page",
      send: (page) => get(`/admin/companies/${companyId}/tax-certificate/${certificateOf(theirs.name).id}`)(page),
      expected: backOffice("404"),
    },
    {
      what: "approve our tax-exempt certificate",
      send: (page) =>
        post(page, `/admin/companies/${companyId}`, {
          intent: "approve-tax-certificate",
          certificateId: certificateOf(ours.name).id,
          expiresOn: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10),
        }),
      // Sales decides first; the admin's decision then comes too late.
      expected: { ...backOffice("done"), admin: "409" },
    },
    {
      what: "reject their tax-exempt certificate",
      send: (page) => {
        const theirCertificate = certificateOf(theirs.name);
        return post(page, `/admin/companies/${theirCertificate.companyId}`, {
          intent: "reject-tax-certificate",
          certificateId: theirCertificate.id,
          reason: "Unsigned",
        });
      },
      expected: { ...backOffice("done"), admin: "409" },
    },
    {
      what: "create a company",
      send: form({ intent: "create-company", name: `Second ${tag}` }),
      expected: { ...notBuyers, ...customersAll("409"), invitee: undefined },
    },
    {
      what: "invite",
      send: form({ intent: "invite", email: uniqueEmail("nobody"), role: "company_admin" }),
      expected: { ...notBuyers, ...customersAll("403"), otherAdmin: "done", owner: "done" },
    },
    {
      what: "change a member",
      send: form({ intent: "change-member", memberId: idOf(ours.buyer), role: "buyer", spendingLimitCents: "" }),
      expected: { ...notBuyers, ...customersAll("403"), otherAdmin: "404", owner: "done" },
    },
    {
      what: "cancel an invitation",
      send: form({ intent: "cancel-invitation", invitationId: spareInvitation }),
      expected: { ...notBuyers, ...customersAll("403"), otherAdmin: "404", owner: "done" },
    },
    {
      what: "GET the invitation",
      send: get(`/account/invitations/${inviteeToken}`),
      expected: { ...notBuyers, ...customersAll("403"), invitee: "200" },
    },
    {
      what: "GET an unknown invitation",
      send: get(`/account/invitations/${"A".repeat(43)}`),
      expected: { ...notBuyers, ...customersAll("404") },
    },
    {
      what: "accept the invitation",
      send: (page) => post(page, `/account/invitations/${inviteeToken}`),
      // The invitee last: once accepted, the invitation is spent for everyone.
      expected: { ...notBuyers, ...omit(customersAll("403"), "invitee"), invitee: "done" },
    },
    {
      what: "remove a member (the invitee, now in the company)",
      send: form({ intent: "remove-member", memberId: idOf(inviteeEmail) }),
      expected: { ...notBuyers, ...customersAll("403"), otherAdmin: "404", owner: "done" },
    },
    {
      what: "GET /account/approvals",
      send: get("/account/approvals"),
      expected: { ...notBuyers, ...customersAll("200") },
    },
    {
      what: "approve an order over a buyer's limit",
      send: (page) => post(page, "/account/approvals", { intent: "approve", orderId: waiting.id, note: "" }),
      // The invitee has been removed by now. After the owner approves, it is decided for everyone.
      expected: {
        ...notBuyers,
        otherBuyer: "403",
        otherAdmin: "404",
        invitee: "403",
        buyer: "403",
        owner: "done",
        approver: "409",
      },
    },
    { what: "GET /account/lists", send: get("/account/lists"), expected: { ...notBuyers, ...customersAll("200") } },
    {
      what: "GET /account/lists/$id",
      send: get(`/account/lists/${ownersList}`),
      expected: { ...notBuyers, ...customersAll("404"), ...ourMembers("200") },
    },
    {
      what: "GET /account/lists/unknown",
      send: get("/account/lists/999999999"),
      expected: { ...notBuyers, ...customersAll("404") },
    },
    {
      what: "create a list",
      send: (page) => post(page, "/account/lists", { intent: "create-list", name: `List ${crypto.randomUUID()}` }),
      expected: { ...notBuyers, ...customersAll("done") },
    },
    {
      what: "add a product to a list",
      send: (page) =>
        post(page, "/account/lists", { intent: "add-to-list", listId: ownersList, productId: product, quantity: 1 }),
      expected: { ...notBuyers, ...customersAll("404"), ...ourMembers("done") },
    },
    {
      what: "change a line of a list",
      send: listForm(buyersList, { intent: "change-line", lineId: buyersLine, quantity: 2, note: "" }),
      expected: { ...notBuyers, ...customersAll("404"), ...ourMembers("done") },
    },
    {
      what: "send a list to the cart",
      send: listForm(ownersList, { intent: "send-list", target: "cart" }),
      expected: { ...notBuyers, ...customersAll("404"), ...ourMembers("200") },
    },
    {
      what: "send a list to the quote list",
      send: listForm(ownersList, { intent: "send-list", target: "quote" }),
      expected: { ...notBuyers, ...customersAll("404"), ...ourMembers("200") },
    },
    {
      what: "rename a list (the buyer's)",
      send: listForm(buyersList, { intent: "rename-list", name: lists.renamed }),
      expected: { ...notBuyers, ...customersAll("404"), approver: "403", buyer: "done", owner: "done" },
    },
    {
      what: "delete a list (the owner's) that one did not make",
      send: listForm(ownersList, { intent: "delete-list", confirm: "on" }),
      expected: { ...notBuyers, ...customersAll("404"), buyer: "403", approver: "403", owner: undefined },
    },
    {
      what: "remove a line of a list",
      send: listForm(buyersList, { intent: "remove-line", lineId: buyersLine }),
      // Once removed, the line is gone for everyone.
      expected: { ...notBuyers, ...customersAll("404"), buyer: "done", approver: undefined, owner: undefined },
    },
    {
      what: "delete a list (the buyer's) as a company admin",
      send: listForm(buyersList, { intent: "delete-list", confirm: "on" }),
      expected: { ...notBuyers, ...customersAll("404"), approver: "403", buyer: undefined, owner: "done" },
    },
    {
      what: "leave",
      send: form({ intent: "leave" }),
      expected: {
        anonymous: "sign-in",
        invitee: "409",
        owner: "409",
        otherBuyer: "done",
        buyer: "done",
        approver: "done",
        sales: "sign-in",
        admin: "sign-in",
      },
    },
    { what: "GET /admin/companies", send: get("/admin/companies"), expected: backOffice("200") },
    {
      what: "GET /admin/companies?q=",
      send: get(`/admin/companies?q=${encodeURIComponent(ours.name.slice(0, 10).toUpperCase())}`),
      expected: backOffice("200"),
    },
    { what: "GET /admin/companies/$id", send: get(`/admin/companies/${companyId}`), expected: backOffice("200") },
    { what: "GET /admin/companies/unknown", send: get("/admin/companies/999999999"), expected: backOffice("404") },
    {
      what: "GET /admin/companies/$id/prices",
      send: get(`/admin/companies/${companyId}/prices`),
      expected: backOffice("200"),
    },
    {
      what: "POST /admin/companies/$id/prices",
      send: (page) => post(page, `/admin/companies/${companyId}/prices`, { intent: "remove-price", productId: 1 }),
      expected: backOffice("done"),
    },
  ];

  // What each buyer may see: their own company's name and people, nobody else's.
  const secrets = {
    ours: [ours.name, ours.owner, ours.buyer, approverEmail, lists.owner, lists.buyer, lists.renamed],
    theirs: [theirs.name, theirs.admin, theirs.buyer],
  };
  const companyOf: Partial<Record<Actor, keyof typeof secrets>> = {
    owner: "ours",
    buyer: "ours",
    approver: "ours",
    otherAdmin: "theirs",
    otherBuyer: "theirs",
  };
  const problems: string[] = [];
  let count = 0;
  for (const check of checks) {
    for (const [actor, expected] of Object.entries(check.expected) as [Actor, Outcome | undefined][]) {
      if (!expected) continue;
      const response = await check.send(pages[actor]);
      const answer = outcomeOf(response);
      const body = await response.text();
      count++;
      if (answer !== expected) problems.push(`${check.what} as ${actor}: ${answer}, expected ${expected}`);
      // Back-office users see every company.
      if (actor === "sales" || actor === "admin") continue;
      const foreign = (["ours", "theirs"] as const)
        .filter((company) => company !== companyOf[actor])
        .flatMap((company) => secrets[company])
        // The invitation shows its invitee the company it is from.
        .filter((secret) => !(check.what === "GET the invitation" && actor === "invitee" && secret === ours.name));
      for (const secret of foreign)
        if (body.includes(secret)) problems.push(`${check.what} as ${actor} (${answer}) shows ${secret}`);
      if (answer === "done" && check.what.startsWith("accept")) companyOf[actor] = "ours";
      if (answer === "done" && check.what === "leave") delete companyOf[actor];
      if (answer === "done" && check.what.startsWith("remove")) delete companyOf.invitee;
    }
  }
  console.log(`Authorization matrix: ${count} checks, ${problems.length} wrong`);
  expect(problems).toEqual([]);
  expect(count).toBeGreaterThanOrEqual(100);
});
