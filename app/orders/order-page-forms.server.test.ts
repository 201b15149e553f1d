import { describe, expect, it } from "vitest";
import { SENT_WITH_OTHER_VALUES } from "~/lib/sent-forms.server";
import { createToken } from "~/lib/tokens.server";
import { action as orderAction, loader as orderPage } from "~/routes/admin.orders.$id";
import { makeOrder, makeSalesUser } from "../../tests/support/factories";
import { backOfficeCookie, postForm } from "../../tests/support/route-forms";
import { getInvoiceAccount } from "./invoice.server";
import { getOrderLines } from "./order.server";
import { listShipments } from "./shipment.server";

const signedIn = async () => backOfficeCookie(await makeSalesUser("Sasha"));
/** Posts one of the order page's forms as the signed-in user. */
const post = (orderId: number, cookie: string, fields: Record<string, string>) =>
  postForm(orderAction, `/admin/orders/${orderId}`, { id: String(orderId) }, cookie, fields);

const today = () => new Date().toISOString().slice(0, 10);

describe("the order page's forms sent twice (a double click, a replay)", () => {
  it("record a payment and issue a credit note once per page view, and a refused one can be sent again corrected", async () => {
    const cookie = await signedIn();
    const { orderId } = makeOrder({ paymentMethod: "invoice", buyer: { poNumber: "PO-9" } });
    const pageView = createToken().slice(0, 20);
    const payment = { intent: "record-payment", requestKey: pageView, receivedOn: today(), method: "check" };
    // Refused (more than is owed): the key is not spent.
    expect((await post(orderId, cookie, { ...payment, amount: "999,999.00" })).status).toBe(409);
    for (let i = 0; i < 2; i++)
      expect((await post(orderId, cookie, { ...payment, amount: "100.00" })).status).toBe(302);
    expect(getInvoiceAccount(orderId)!.payments.map((p) => p.amountCents)).toEqual([100_00]);
    // Another page view records another payment.
    await post(orderId, cookie, { ...payment, requestKey: createToken().slice(0, 20), amount: "50.00" });
    expect(getInvoiceAccount(orderId)!.payments).toHaveLength(2);

    const credit = { intent: "credit-invoice", requestKey: pageView, amount: "20.00", creditReason: "Overcharged" };
    for (let i = 0; i < 2; i++) expect((await post(orderId, cookie, credit)).status).toBe(302);
    expect(getInvoiceAccount(orderId)!.creditNotes.map((note) => note.amountCents)).toEqual([20_00]);
  });

  it("refuse the same page view's form sent again with other values, keeping what was typed", async () => {
    const cookie = await signedIn();
    const { orderId } = makeOrder({ paymentMethod: "invoice", buyer: { poNumber: "PO-11" } });
    const pageView = createToken().slice(0, 20);
    const payment = { intent: "record-payment", requestKey: pageView, receivedOn: today(), method: "check" };
    expect((await post(orderId, cookie, { ...payment, amount: "100.00" })).status).toBe(302);
    // The same amount written another way is the same form.
    expect((await post(orderId, cookie, { ...payment, amount: "100" })).status).toBe(302);
    // Back, a new amount, send: not answered as done.
    const changed = await post(orderId, cookie, { ...payment, amount: "40.00" });
    expect(changed.status).toBe(409);
    expect(changed.result).toMatchObject({ formError: SENT_WITH_OTHER_VALUES, values: { amount: "40.00" } });
    expect(getInvoiceAccount(orderId)!.payments.map((p) => p.amountCents)).toEqual([100_00]);
    // The page it answers with carries a new key, with which it is recorded.
    await post(orderId, cookie, { ...payment, requestKey: createToken().slice(0, 20), amount: "40.00" });
    expect(getInvoiceAccount(orderId)!.payments.map((p) => p.amountCents)).toEqual([100_00, 40_00]);
  });

  it("ship a part once per page view", async () => {
    const cookie = await signedIn();
    const { orderId } = makeOrder({ paymentMethod: "invoice", buyer: { poNumber: "PO-10" } });
    const [gauges] = getOrderLines(orderId);
    const ship = {
      intent: "ship",
      requestKey: createToken().slice(0, 20),
      carrier: "ups",
      trackingNumber: "1Z999AA10123456784",
      [`ship-${gauges.id}`]: "3",
    };
    for (let i = 0; i < 2; i++) expect((await post(orderId, cookie, ship)).status).toBe(302);
    expect(listShipments(orderId).map((shipment) => shipment.lines.map((line) => line.quantity))).toEqual([[3]]);
  });
});

describe("the order page's address", () => {
  it("is the id as the site writes it: another spelling of it (0x1, 1e0, 01, 1.0) is no page", async () => {
    const cookie = await signedIn();
    const { orderId } = makeOrder();
    const load = async (id: string) => {
      try {
        await orderPage({
          request: new Request(`http://localhost/admin/orders/${id}`, { headers: { Cookie: cookie } }),
          params: { id },
          context: { cspNonce: "test" },
        });
        return 200;
      } catch (thrown) {
        return thrown instanceof Response ? thrown.status : 500;
      }
    };
    expect(await load(String(orderId))).toBe(200);
    for (const odd of [`0x${orderId.toString(16)}`, `${orderId}e0`, `0${orderId}`, `${orderId}.0`])
      expect(await load(odd), odd).toBe(404);
  });
});
