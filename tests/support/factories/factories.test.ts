import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orderEvents, outboxEmails, products } from "~db/schema";
import { db } from "~/lib/db.server";
import { getOrder } from "~/orders/order.server";
import {
  makeOrder,
  makeProduct,
  makeQuoteRequest,
  makeRevision,
  makeSalesUser,
  quoteBuyer,
  requestFormFields,
  uniqueEmail,
} from ".";

describe("test factories", () => {
  it("give plain buyer data with only the fields a test names changed", () => {
    expect(quoteBuyer({ country: "Chile" })).toMatchObject({ company: "Acme Process Ltd", country: "Chile" });
    expect(requestFormFields({ email: "x@y.example" })).toMatchObject({
      intent: "submit-request",
      email: "x@y.example",
      website: "",
    });
    expect(uniqueEmail("a")).not.toBe(uniqueEmail("a"));
  });

  it("add a product as the back office does", () => {
    const id = makeProduct({ name: "Factory gauge" });
    expect(db.select().from(products).where(eq(products.id, id)).get()).toMatchObject({
      name: "Factory gauge",
      status: "active",
    });
  });

  it("send a quote request as a buyer does: its lines, the first event and the buyer's e-mail", () => {
    const email = uniqueEmail("factory");
    const { request, token, reference } = makeQuoteRequest({ buyer: { email }, quantity: 4 });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(request).toMatchObject({ reference, email, status: "received" });
    expect(request.lines.map((line) => line.quantity)).toEqual([4]);
    expect(request.events.map((event) => event.actor)).toEqual([`buyer:${email}`]);
    expect(db.select().from(outboxEmails).where(eq(outboxEmails.to, email)).all()).toHaveLength(1);
  });

  it("price every line of a revision and record the sales user who sent it", async () => {
    const user = await makeSalesUser();
    const { request } = makeQuoteRequest({ quantity: 3 });
    const revision = makeRevision(request, user, { unitPriceCents: 25_00, validUntil: "2099-03-31" });
    expect(revision).toMatchObject({ version: 1, totalCents: 75_00, validUntil: "2099-03-31", sentBy: user.id });
  });

  it("place an order with its first status event", () => {
    const order = makeOrder({ paymentMethod: "invoice", buyer: { poNumber: "PO-7" } });
    expect(getOrder(order.orderId)).toMatchObject({ status: "awaiting_payment", poNumber: "PO-7", totalCents: 570_00 });
    expect(db.select().from(orderEvents).where(eq(orderEvents.orderId, order.orderId)).all()).toHaveLength(1);
  });
});
