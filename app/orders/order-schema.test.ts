import { describe, expect, it } from "vitest";
import { FORM_OUT_OF_DATE } from "~/lib/forms";
import { INVISIBLE_MESSAGE } from "~/lib/plain-text";
import { constraintsOf, parseForm } from "~/lib/forms.server";
import { AdminOrderAction, OrderPayForm } from "./order-schema";

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe("the buyer's Pay now", () => {
  it("reads the number of attempts the page knew of", () => {
    expect(parseForm(OrderPayForm, form({ intent: "pay", attempts: "2" }))).toMatchObject({
      status: "success",
      data: { intent: "pay", attempts: 2 },
    });
  });

  it("reads the invoice's Pay the balance by card the same way", () => {
    expect(parseForm(OrderPayForm, form({ intent: "pay-invoice", attempts: "0" }))).toMatchObject({
      status: "success",
      data: { intent: "pay-invoice", attempts: 0 },
    });
  });

  it("treats a missing or garbled count as unknown rather than refusing to pay", () => {
    for (const attempts of [undefined, "", "two", "-1", "1.5"]) {
      const parsed = parseForm(
        OrderPayForm,
        form(attempts === undefined ? { intent: "pay" } : { intent: "pay", attempts }),
      );
      expect(parsed.status, String(attempts)).toBe("success");
      if (attempts !== "") expect(parsed.data?.attempts, String(attempts)).toBeUndefined();
    }
  });

  it("refuses another intent with a message about the whole form", () => {
    const parsed = parseForm(OrderPayForm, form({ intent: "refund" }));
    expect(parsed.status).toBe("error");
    expect(parsed.status === "error" && parsed.formError).toBeTruthy();
  });
});

describe("sales' order page", () => {
  it("records a payment in cents, on a day, by a method; a bad amount comes back at its field with what was typed", () => {
    expect(
      parseForm(
        AdminOrderAction,
        form({
          intent: "record-payment",
          requestKey: "k3y-of-the-page",
          amount: "$1,250.5",
          receivedOn: "2026-12-01",
          method: "check",
          reference: " 1042 ",
        }),
      ),
    ).toMatchObject({
      status: "success",
      data: {
        intent: "record-payment",
        requestKey: "k3y-of-the-page",
        amount: 125050,
        receivedOn: "2026-12-01",
        method: "check",
        reference: "1042",
      },
    });
    for (const amount of ["", "0", "12.345", "-5", "ten"])
      expect(
        parseForm(
          AdminOrderAction,
          form({ intent: "record-payment", amount, receivedOn: "2026-12-01", method: "ach" }),
        ),
      ).toMatchObject({
        status: "error",
        fieldErrors: { amount: "Enter the amount received in dollars, like 1,250.00" },
        values: { amount },
      });
    // What prints on a document as one line is one line.
    expect(
      parseForm(
        AdminOrderAction,
        form({ intent: "record-payment", amount: "5", receivedOn: "2026-12-01", method: "ach", reference: "A\nB" }),
      ),
    ).toMatchObject({ status: "error", fieldErrors: { reference: "Keep it to one line" } });
    // A reference is matched against the bank's: every character of it shows.
    expect(
      parseForm(
        AdminOrderAction,
        form({
          intent: "record-payment",
          amount: "5",
          receivedOn: "2026-12-01",
          method: "ach",
          reference: "FT\u200B7781",
        }),
      ),
    ).toMatchObject({ status: "error", fieldErrors: { reference: INVISIBLE_MESSAGE } });
    for (const amount of ["1,000,000,000.01", "9".repeat(400)])
      expect(
        parseForm(
          AdminOrderAction,
          form({ intent: "record-payment", amount, receivedOn: "2026-12-01", method: "ach" }),
        ),
      ).toMatchObject({ status: "error", fieldErrors: { amount: "At most $1,000,000,000.00" } });
    expect(
      parseForm(
        AdminOrderAction,
        form({ intent: "record-payment", amount: "5", receivedOn: "2026-02-30", method: "wire" }),
      ),
    ).toMatchObject({
      status: "error",
      fieldErrors: { receivedOn: expect.any(String), method: "Choose how it was paid" },
    });
  });

  it("needs a reason to cancel, trimmed, and keeps what was typed when it is refused", () => {
    expect(parseForm(AdminOrderAction, form({ intent: "cancel", reason: "  Ordered by phone  " }))).toMatchObject({
      status: "success",
      data: { intent: "cancel", reason: "Ordered by phone" },
    });
    expect(parseForm(AdminOrderAction, form({ intent: "cancel", reason: "   " }))).toMatchObject({
      status: "error",
      intent: "cancel",
      fieldErrors: { reason: "Give the reason: it is sent to the buyer" },
      values: { intent: "cancel", reason: "   " },
    });
    expect(parseForm(AdminOrderAction, form({ intent: "cancel" }))).toMatchObject({
      fieldErrors: { reason: "Give the reason: it is sent to the buyer" },
    });
  });

  it("holds notes to 1,000 characters", () => {
    expect(parseForm(AdminOrderAction, form({ intent: "cancel", reason: "x".repeat(1000) })).status).toBe("success");
    expect(parseForm(AdminOrderAction, form({ intent: "cancel", reason: "x".repeat(1001) }))).toMatchObject({
      fieldErrors: { reason: "Keep it to 1,000 characters" },
    });
  });

  it("resolves a flagged payment with a note and one of the two resolutions", () => {
    expect(
      parseForm(AdminOrderAction, form({ intent: "resolve-flag", note: "Agreed by phone", resolution: "accept" })),
    ).toMatchObject({ status: "success", data: { resolution: "accept", note: "Agreed by phone" } });
    expect(parseForm(AdminOrderAction, form({ intent: "resolve-flag", note: "", resolution: "refund" }))).toMatchObject(
      {
        fieldErrors: { note: "Say what was done, for the record" },
      },
    );
    const forged = parseForm(AdminOrderAction, form({ intent: "resolve-flag", note: "Done", resolution: "keep" }));
    expect(forged.status === "error" && Object.keys(forged.fieldErrors)).toEqual(["resolution"]);
  });

  it("refunds an amount in cents with a reason for the credit note and the page view's request key", () => {
    expect(
      parseForm(
        AdminOrderAction,
        form({ intent: "refund", amount: "285.00", creditReason: " Damaged ", requestKey: "k3y-of-the-page" }),
      ),
    ).toMatchObject({
      status: "success",
      data: { intent: "refund", amount: 28500, creditReason: "Damaged", requestKey: "k3y-of-the-page" },
    });
    const refused = parseForm(
      AdminOrderAction,
      form({ intent: "refund", amount: "0", creditReason: "", requestKey: "x" }),
    );
    expect(refused).toMatchObject({
      status: "error",
      fieldErrors: {
        amount: "Enter the amount to refund in dollars, like 120.00",
        creditReason: "Give the reason: it is on the credit note",
        requestKey: "Reload the page and send the form again",
      },
      values: { amount: "0" },
    });
  });

  it("refuses control characters in what reaches the buyer or the record, at the field, keeping what was typed", () => {
    const pasted = "Damaged\u000Bin transit\u0000";
    const cases: [Record<string, string>, string][] = [
      [{ intent: "refund", amount: "285.00", creditReason: pasted, requestKey: "k3y-of-the-page" }, "creditReason"],
      [{ intent: "cancel", reason: pasted }, "reason"],
      [{ intent: "resolve-flag", note: pasted, resolution: "accept" }, "note"],
      [
        {
          intent: "record-payment",
          requestKey: "k3y-of-the-page",
          amount: "10",
          receivedOn: "2026-12-01",
          method: "check",
          reference: pasted,
        },
        "reference",
      ],
    ];
    for (const [fields, field] of cases)
      expect(parseForm(AdminOrderAction, form(fields)), field).toMatchObject({
        status: "error",
        fieldErrors: { [field]: "Remove the control characters from this text" },
        values: { [field]: "Damagedin transit" },
      });
    expect(
      parseForm(AdminOrderAction, form({ intent: "cancel", reason: "Out of stock.\r\n\tSee the e-mail." })),
    ).toMatchObject({ status: "success", data: { reason: "Out of stock.\r\n\tSee the e-mail." } });
  });

  it("hands the page the notes' length limit", () => {
    const constraints = constraintsOf(AdminOrderAction);
    expect(constraints.reason?.maxLength).toBe(1000);
    expect(constraints.note?.maxLength).toBe(1000);
  });
});

describe("sales' ship form", () => {
  const ship = (fields: Record<string, string>) =>
    parseForm(
      AdminOrderAction,
      form({ intent: "ship", requestKey: "k3y-of-the-page", carrier: "ups", trackingNumber: "1Z999AA1", ...fields }),
    );

  it("reads a quantity per order line (empty is none) and leaves the tracking link to the carrier", () => {
    // Lines left at none are no lines, and the lines are in line order, however the fields came.
    expect(ship({ "ship-14": " 0 ", "ship-15": "2", "ship-12": "1,000", "ship-13": "" })).toMatchObject({
      status: "success",
      data: {
        intent: "ship",
        carrier: "ups",
        trackingNumber: "1Z999AA1",
        trackingUrl: null,
        lines: [
          { orderLineId: 12, quantity: 1000 },
          { orderLineId: 15, quantity: 2 },
        ],
      },
    });
    // A line's id the page never writes so: the form is out of date.
    expect(ship({ "ship-012": "1" })).toMatchObject({ status: "error", formError: FORM_OUT_OF_DATE });
    expect(
      ship({
        carrier: "other",
        trackingNumber: "PRO 4471",
        trackingUrl: "https://freight.example/t/4471",
        "ship-1": "2",
      }),
    ).toMatchObject({ status: "success", data: { trackingUrl: "https://freight.example/t/4471" } });
  });

  it("answers at each field: a quantity that is not a whole number, no carrier, an odd tracking number or link", () => {
    expect(ship({ "ship-12": "1.5", "ship-13": "-2" })).toMatchObject({
      status: "error",
      fieldErrors: {
        "ship-12": "Enter a whole number, or 0 for none",
        "ship-13": "Enter a whole number, or 0 for none",
      },
      values: { "ship-12": "1.5" },
    });
    expect(ship({ carrier: "", trackingNumber: "<b>", "ship-1": "1" })).toMatchObject({
      fieldErrors: { carrier: "Choose the carrier", trackingNumber: "Letters, digits, spaces and dashes only" },
    });
    for (const typed of ["not-a-link", "freight.example/t/4471", "ftp://freight.example"])
      expect(ship({ carrier: "other", trackingUrl: typed, "ship-1": "1" }), typed).toMatchObject({
        fieldErrors: { trackingUrl: "Enter a full link, starting https://" },
        values: { trackingUrl: typed },
      });
    expect(ship({ carrier: "other", trackingUrl: "javascript:alert(1)", "ship-1": "1" })).toMatchObject({
      fieldErrors: { trackingUrl: "Enter a full link, starting https://" },
    });
    expect(ship({ trackingUrl: "https://example.com/x", "ship-1": "1" })).toMatchObject({
      status: "error",
      fieldErrors: {
        trackingUrl: "The link comes from the carrier’s tracking page: leave it empty, or choose another carrier",
      },
    });
  });

  it("reads the shipment a delivery is for", () => {
    expect(parseForm(AdminOrderAction, form({ intent: "mark-delivered", shipment: "7" }))).toMatchObject({
      status: "success",
      data: { intent: "mark-delivered", shipment: 7 },
    });
    expect(parseForm(AdminOrderAction, form({ intent: "mark-delivered", shipment: "x" })).status).toBe("error");
  });
});
