import { describe, expect, it } from "vitest";
import { constraintsOf, parseForm } from "~/lib/forms.server";
import { PLAIN_TEXT_MESSAGE } from "~/lib/plain-text";
import { RevisionLine, salesQuoteForm } from "./quote-revision-schema";

const today = "2030-01-10";
const form = (lines: Record<number, { qty: string; price: string }>, paymentTerms = "card_or_invoice") =>
  new URLSearchParams({
    intent: "send-revision",
    incoterm: "FCA",
    incotermPlace: "Houston, TX",
    validUntil: "2030-02-01",
    paymentTerms,
    notes: "",
    ...Object.fromEntries(
      Object.entries(lines).flatMap(([id, line]) => [
        [`line-${id}-qty`, line.qty],
        [`line-${id}-price`, line.price],
        [`line-${id}-weeks`, "4"],
        [`line-${id}-included`, ""],
      ]),
    ),
  });
const parse = (lines: Record<number, { qty: string; price: string }>, paymentTerms?: string) => {
  const parsed = parseForm(
    salesQuoteForm({ requestLineIds: Object.keys(lines).map(Number), today }),
    form(lines, paymentTerms),
  );
  if (parsed.status === "error") return { ok: false, errors: parsed.fieldErrors };
  return { ok: true, revision: parsed.data.intent === "send-revision" ? parsed.data.revision : undefined };
};

describe("the price basis", () => {
  const withPlace = (place: string) => {
    const fields = form({ 1: { qty: "1", price: "10" } });
    fields.set("incotermPlace", place);
    return parseForm(salesQuoteForm({ requestLineIds: [1], today }), fields);
  };
  it("needs the Incoterm's named place, kept as typed without its spaces", () => {
    const parsed = withPlace("  Baton Rouge, LA ");
    expect(
      parsed.status === "success" && parsed.data.intent === "send-revision" && parsed.data.revision.incotermPlace,
    ).toBe("Baton Rouge, LA");
    for (const bad of ["", "   ", "x".repeat(121), "Baton\u0000Rouge"])
      expect(withPlace(bad)).toMatchObject({ status: "error", fieldErrors: { incotermPlace: expect.any(String) } });
  });
});

describe("a line not quoted", () => {
  const parseWith = (extra: Record<string, string>) => {
    const fields = form({ 1: { qty: "2", price: "10" }, 2: { qty: "", price: "" } });
    for (const [name, value] of Object.entries(extra)) fields.set(name, value);
    return parseForm(salesQuoteForm({ requestLineIds: [1, 2], today }), fields);
  };
  it("needs a reason instead of a quantity and price, and is stored as quantity 0", () => {
    expect(parseWith({})).toMatchObject({ status: "error", fieldErrors: { "line-2-qty": expect.any(String) } });
    const parsed = parseWith({ "line-2-reason": "  Discontinued  " });
    expect(parsed.status === "success" && parsed.data.intent === "send-revision" && parsed.data.revision.lines).toEqual(
      [
        expect.objectContaining({ requestLineId: 1, quantity: 2, unitPriceCents: 1000, notQuotedReason: "" }),
        expect.objectContaining({ requestLineId: 2, quantity: 0, unitPriceCents: 0, notQuotedReason: "Discontinued" }),
      ],
    );
  });
  it("refuses a reason too long, and a revision that quotes nothing", () => {
    expect(parseWith({ "line-2-reason": "x".repeat(501) })).toMatchObject({
      status: "error",
      fieldErrors: { "line-2-reason": "Keep the reason under 500 characters" },
    });
    expect(parseWith({ "line-1-reason": "No stock", "line-2-reason": "No stock" })).toMatchObject({
      status: "error",
      fieldErrors: { "line-1-reason": "Quote at least one line; to quote none, decline the request" },
    });
  });
});

describe("revision limits", () => {
  it("states the quantity and unit price limits at their fields", () => {
    expect(parse({ 1: { qty: "1000000", price: "100,000,000" } })).toEqual({
      ok: false,
      errors: { "line-1-price": "At most $10,000,000.00 per unit" },
    });
    expect(parse({ 1: { qty: "1000001", price: "10" } })).toEqual({
      ok: false,
      errors: { "line-1-qty": "Quantity must be at most 1,000,000" },
    });
    expect(parse({ 1: { qty: "1", price: "10,000,000.01" } })).toEqual({
      ok: false,
      errors: { "line-1-price": "At most $10,000,000.00 per unit" },
    });
    expect(parse({ 1: { qty: "1", price: "9".repeat(400) } })).toEqual({
      ok: false,
      errors: { "line-1-price": "At most $10,000,000.00 per unit" },
    });
  });

  it("reads a quantity typed with thousands separators", () => {
    const parsed = parse({ 1: { qty: "1,000,000", price: "10" } });
    expect(parsed.revision?.lines[0].quantity).toBe(1_000_000);
    expect(parse({ 1: { qty: "1.5", price: "10" } })).toMatchObject({
      ok: false,
      errors: { "line-1-qty": "Enter a whole number, like 20 or 2,000" },
    });
  });

  it("holds the total to what one order may be, at the price of the largest line", () => {
    expect(parse({ 1: { qty: "1000000", price: "10,000,000" } })).toEqual({
      ok: false,
      errors: {
        "line-1-price": "An order can total at most $1,000,000,000.00; this quote comes to $10,000,000,000,000.00",
      },
    });
    expect(parse({ 1: { qty: "60", price: "10,000,000" }, 2: { qty: "50", price: "9,000,000" } })).toEqual({
      ok: false,
      errors: { "line-1-price": "An order can total at most $1,000,000,000.00; this quote comes to $1,050,000,000.00" },
    });
    const largest = parse({ 1: { qty: "100", price: "9,999,999.99" }, 2: { qty: "1", price: "0.01" } });
    expect(largest.revision?.lines.map((l) => l.quantity * l.unitPriceCents)).toEqual([99_999_999_900, 1]);
  });

  it("refuses card-only terms while the site takes no cards, at the terms", () => {
    const fields = form({ 1: { qty: "1", price: "10" } }, "card");
    const without = parseForm(salesQuoteForm({ requestLineIds: [1], today, cardPayments: false }), fields);
    expect(without.status === "error" && without.fieldErrors).toEqual({
      paymentTerms: "Card payment is off on this site: offer card or invoice, or invoice only",
    });
    fields.set("paymentTerms", "card_or_invoice");
    expect(parseForm(salesQuoteForm({ requestLineIds: [1], today, cardPayments: false }), fields).status).toBe(
      "success",
    );
  });

  it("refuses card-only terms above what a card can pay, and accepts them up to it", () => {
    expect(parse({ 1: { qty: "2", price: "500,000" } }, "card")).toEqual({
      ok: false,
      errors: {
        paymentTerms: "Card payment is available up to $999,999.99: offer invoice for a total of $1,000,000.00",
      },
    });
    expect(parse({ 1: { qty: "1", price: "999,999.99" } }, "card").ok).toBe(true);
    expect(parse({ 1: { qty: "2", price: "500,000" } }, "card_or_invoice").ok).toBe(true);
  });
});

describe("the other forms of sales' request page", () => {
  const schema = salesQuoteForm({ requestLineIds: [1], today });
  const parseOther = (fields: Record<string, string>) => parseForm(schema, new URLSearchParams(fields));

  it("refuses control characters in what the buyer reads: what a line includes, the notes, a reason to decline", () => {
    const fields = form({ 1: { qty: "1", price: "10" } });
    fields.set("line-1-included", "\u0007bell");
    expect(parseForm(salesQuoteForm({ requestLineIds: [1], today }), fields)).toMatchObject({
      fieldErrors: { "line-1-included": PLAIN_TEXT_MESSAGE },
    });
    fields.set("notes", "a\u0000b");
    expect(parseForm(salesQuoteForm({ requestLineIds: [1], today }), fields)).toMatchObject({
      fieldErrors: { notes: PLAIN_TEXT_MESSAGE },
    });
    expect(parseOther({ intent: "decline", note: "No\u001b[31m" })).toMatchObject({
      fieldErrors: { note: PLAIN_TEXT_MESSAGE },
    });
  });

  it("needs a reason to decline, of at most 1,000 characters", () => {
    expect(parseOther({ intent: "decline", note: "  " })).toMatchObject({
      fieldErrors: { note: "Give the buyer a reason: it is sent to them" },
    });
    expect(parseOther({ intent: "decline", note: "r".repeat(1001) })).toMatchObject({
      fieldErrors: { note: "Keep the reason to 1,000 characters" },
    });
    expect(parseOther({ intent: "decline", note: " Out of range " })).toMatchObject({
      status: "success",
      data: { intent: "decline", note: "Out of range" },
    });
  });

  it("tells the page's own read mark from a click on the button", () => {
    expect(parseOther({ intent: "seen", auto: "1" })).toMatchObject({ data: { intent: "seen", auto: "1" } });
    expect(parseOther({ intent: "unseen" })).toMatchObject({ status: "success", data: { intent: "unseen" } });
  });

  it("puts every problem of a revision's rows at its own field", () => {
    const parsed = parseOther({
      intent: "send-revision",
      incoterm: "FCA",
      incotermPlace: "Houston, TX",
      validUntil: "2030-02-01",
      paymentTerms: "invoice",
      "line-1-qty": "0",
      "line-1-price": "",
      "line-1-weeks": "105",
      "line-1-included": "i".repeat(501),
    });
    expect(parsed).toMatchObject({
      status: "error",
      intent: "send-revision",
      fieldErrors: {
        "line-1-qty": "Quantity must be at least 1",
        "line-1-price": "Enter a unit price in US dollars, e.g. 1,250.50",
        "line-1-weeks": "At most 104 weeks",
        "line-1-included": "Keep it under 500 characters",
      },
    });
  });

  it("gives the page the limits of its fields", () => {
    expect(constraintsOf(schema)).toMatchObject({
      notes: { maxLength: 5000 },
      note: { required: true, maxLength: 1000 },
      body: { required: true, maxLength: 5000 },
    });
    expect(constraintsOf(RevisionLine).included).toEqual({ maxLength: 500 });
  });
});

describe("sales' unit cost", () => {
  const cost = (text: string) =>
    RevisionLine.safeParse({ quantity: "1", unitPriceCents: "10", leadTimeWeeks: "1", included: "", costCents: text });
  it("is optional, may be zero, and says what is wrong with what was typed", () => {
    expect(cost("  ").data?.costCents).toBeNull();
    expect(cost("0").data?.costCents).toBe(0);
    expect(cost("1,234.50").data?.costCents).toBe(1234_50);
    expect(cost("cheap").error?.issues.map((issue) => issue.message)).toEqual([
      "Enter the unit cost in US dollars, or leave it empty",
    ]);
  });
});

describe("lines sales adds", () => {
  const parseWith = (extra: Record<string, string>, paymentTerms?: string) => {
    const fields = form({ 1: { qty: "1", price: "100" } }, paymentTerms);
    for (const [name, value] of Object.entries(extra)) fields.set(name, value);
    return parseForm(salesQuoteForm({ requestLineIds: [1], today }), fields);
  };
  const row = (slot: number, values: Record<string, string>) =>
    Object.fromEntries(Object.entries(values).map(([name, value]) => [`added-${slot}-${name}`, value]));

  it("reads a catalog line by part number and a line of sales' own, and skips empty rows", () => {
    const parsed = parseWith({
      ...row(1, { part: "GC-1", qty: "2", price: "50", weeks: "1" }),
      ...row(2, { part: "", name: "", qty: "", price: "", weeks: "", included: "" }),
      ...row(3, { name: "Freight to site", qty: "1", price: "1,250", weeks: "0", cost: "900" }),
    });
    expect(parsed.status === "success" && parsed.data.intent === "send-revision" && parsed.data.revision.added).toEqual(
      [
        expect.objectContaining({ slot: 1, partNumber: "GC-1", name: "", quantity: 2, unitPriceCents: 50_00 }),
        expect.objectContaining({
          slot: 3,
          partNumber: "",
          name: "Freight to site",
          unitPriceCents: 1250_00,
          costCents: 900_00,
        }),
      ],
    );
  });

  it("puts each problem of an added row at its field", () => {
    expect(parseWith({ ...row(2, { qty: "1", price: "10", weeks: "1" }) })).toMatchObject({
      status: "error",
      fieldErrors: { "added-2-name": "Give a catalog part number, or describe a line of your own" },
    });
    expect(parseWith({ ...row(1, { name: "Crating", qty: "0", price: "free", weeks: "1" }) })).toMatchObject({
      status: "error",
      fieldErrors: { "added-1-qty": expect.any(String), "added-1-price": expect.any(String) },
    });
  });

  it("counts added lines in the total that a card may pay", () => {
    const big = row(1, { name: "Commissioning", qty: "1", price: "999,999", weeks: "2" });
    expect(parseWith(big, "card")).toMatchObject({
      status: "error",
      fieldErrors: { paymentTerms: expect.any(String) },
    });
    expect(parseWith(big, "invoice").status).toBe("success");
  });
});

describe("choices, charges and discounts sales offers", () => {
  const parseWith = (extra: Record<string, string>) => {
    const fields = form({ 1: { qty: "4", price: "1,200" }, 2: { qty: "1", price: "100" } });
    for (const [name, value] of Object.entries(extra)) fields.set(name, value);
    return parseForm(salesQuoteForm({ requestLineIds: [1, 2], today }), fields);
  };
  const row = (slot: number, values: Record<string, string>) =>
    Object.fromEntries(Object.entries(values).map(([name, value]) => [`added-${slot}-${name}`, value]));
  const revisionOf = (parsed: ReturnType<typeof parseWith>) =>
    parsed.status === "success" && parsed.data.intent === "send-revision" ? parsed.data.revision : undefined;

  it("reads price breaks, options, an alternative, a charge and a discount by amount or percentage", () => {
    const revision = revisionOf(
      parseWith({
        "line-1-breaks": "5+ 1,100.00; 10+ at $995",
        "line-2-optional": "1",
        ...row(1, { name: "Pump, stainless", qty: "4", price: "1,400", weeks: "8", alt: "line-1" }),
        ...row(2, { kind: "charge", name: "Freight", price: "450", taxable: "" }),
        ...row(3, { kind: "discount", name: "Project discount", price: "2.5%", taxable: "1" }),
        ...row(4, { kind: "discount", name: "Loyalty", price: "100" }),
      }),
    );
    expect(revision?.lines.map((l) => [l.priceBreaks, l.optional])).toEqual([
      [
        [
          { minQuantity: 5, unitPriceCents: 1_100_00 },
          { minQuantity: 10, unitPriceCents: 995_00 },
        ],
        false,
      ],
      [[], true],
    ]);
    expect(
      revision?.added.map((l) => [l.kind, l.quantity, l.unitPriceCents, l.percentBp, l.alternativeTo, l.taxable]),
    ).toEqual([
      ["item", 4, 1_400_00, null, "line-1", true],
      ["charge", 1, 450_00, null, "", false],
      ["discount", 1, 0, 250, "", true],
      ["discount", 1, 100_00, null, "", false],
    ]);
  });

  it("refuses a discount of more than the goods left to take it off, at its price", () => {
    // Goods: 4 × $1,200 and an optional $100 line: $4,800 quoted.
    const optional = { "line-2-optional": "1" };
    expect(parseWith({ ...optional, ...row(1, { kind: "discount", name: "Big", price: "4,800.01" }) })).toMatchObject({
      fieldErrors: { "added-1-price": "More than the goods it comes off: at most $4,800.00" },
    });
    expect(
      parseWith({
        ...optional,
        ...row(1, { kind: "discount", name: "Project", price: "50%" }),
        ...row(2, { kind: "discount", name: "Loyalty", price: "2,500" }),
      }),
    ).toMatchObject({
      fieldErrors: { "added-2-price": "More than the goods it comes off: at most $2,400.00 after the discounts above" },
    });
    // All of the goods off leaves nothing to pay, by amount, by percentage or in parts.
    for (const discounts of [["4,800"], ["100%"], ["50%", "50%"]])
      expect(
        parseWith({
          ...optional,
          ...Object.assign({}, ...discounts.map((price, i) => row(i + 1, { kind: "discount", name: "Off", price }))),
        }),
      ).toMatchObject({
        fieldErrors: {
          [`added-${discounts.length}-price`]: "Leaves nothing to pay: a quote comes to more than $0.00",
        },
      });
    // With a charge left to pay, the goods may be given.
    expect(
      revisionOf(
        parseWith({
          ...optional,
          ...row(1, { kind: "discount", name: "All", price: "4,800" }),
          ...row(2, { kind: "charge", name: "Commissioning", price: "900" }),
        }),
      )?.added,
    ).toHaveLength(2);
  });

  it("says at its field what cannot be offered", () => {
    expect(
      parseWith({
        "line-1-breaks": "10+ 995; 5+ 1,100",
        "line-2-breaks": "lots cheaper",
        ...row(1, { name: "Crate", qty: "1", price: "10", weeks: "1", alt: "line-2", optional: "1" }),
        ...row(2, { kind: "discount", name: "Too much", price: "120%" }),
        ...row(3, { kind: "charge", part: "GC-1", name: "", price: "5" }),
      }),
    ).toMatchObject({
      status: "error",
      fieldErrors: {
        "line-1-breaks": "List the breaks from the smallest quantity up, each once",
        "line-2-breaks": expect.stringContaining('"5+ 1,100.00; 10+ 995.00"'),
        "added-1-optional": expect.stringContaining("An alternative is chosen instead of its line"),
        "added-2-price": "A percentage above 0% and at most 100%",
        "added-3-part": "Charges and discounts are described in words: leave the part number empty",
      },
    });
    // An alternative to a line that is not quoted, or to an alternative, has nothing to stand in for.
    expect(
      parseWith({
        "line-2-reason": "Discontinued",
        ...row(1, { name: "Newer model", qty: "1", price: "10", weeks: "1", alt: "line-2" }),
        ...row(2, { name: "Other", qty: "1", price: "10", weeks: "1", alt: "added-1" }),
        ...row(3, { name: "Nowhere", qty: "1", price: "10", weeks: "1", alt: "added-9" }),
      }),
    ).toMatchObject({
      status: "error",
      fieldErrors: {
        "added-1-alt": "That line is not quoted: add this one as a line of its own",
        "added-2-alt": "Choose a quoted item of this quote",
        "added-3-alt": "Choose a quoted item of this quote",
      },
    });
  });

  it("holds the quote as sent, discounts and charges counted, to what a card can pay", () => {
    const fields = {
      ...row(1, { kind: "charge", name: "Commissioning", price: "999,000" }),
      ...row(2, { kind: "discount", name: "Discount", price: "4,900" }),
      paymentTerms: "card",
    };
    expect(revisionOf(parseWith(fields))).toBeDefined();
    expect(parseWith({ ...fields, [`added-2-price`]: "1,000" })).toMatchObject({
      status: "error",
      fieldErrors: { paymentTerms: expect.any(String) },
    });
  });
});
