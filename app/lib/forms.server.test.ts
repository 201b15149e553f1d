import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FORM_OUT_OF_DATE, unclaimed } from "./forms";
import { constraintsOf, invalid, parseForm } from "./forms.server";

const Note = z.object({
  intent: z.literal("note"),
  body: z.string().trim().min(1, { error: "Write a note" }).max(500),
});
const Price = z.object({
  intent: z.literal("price"),
  cents: z.coerce.number().int().min(1).max(1_000_000),
  memo: z.string().max(20).optional(),
});
const Page = z.discriminatedUnion("intent", [Note, Price]);

describe("parseForm", () => {
  it("returns the data and which form it was", () => {
    const parsed = parseForm(Page, new URLSearchParams({ intent: "price", cents: "250" }));
    expect(parsed.status).toBe("success");
    expect(parsed.intent).toBe("price");
    expect(parsed.data).toEqual({ intent: "price", cents: 250 });
  });

  it("keeps what was typed and puts each message at its field", () => {
    const parsed = parseForm(Page, new URLSearchParams({ intent: "note", body: "   " }));
    expect(parsed).toMatchObject({
      status: "error",
      intent: "note",
      fieldErrors: { body: "Write a note" },
      values: { intent: "note", body: "   " },
    });
  });

  it("reads a field with nothing visible in it (zero-width spaces, a word joiner) as empty, and keeps one that shows something as sent", () => {
    for (const body of ["\u200b", " \u2060\u200b\n", "\ufeff\u00ad", "\u2800\u2800"])
      expect(parseForm(Page, new URLSearchParams({ intent: "note", body })), JSON.stringify(body)).toMatchObject({
        status: "error",
        fieldErrors: { body: "Write a note" },
      });
    expect(parseForm(Page, new URLSearchParams({ intent: "note", body: "\u200bAcme\u200d" })).data).toEqual({
      intent: "note",
      body: "\u200bAcme\u200d",
    });
  });

  it("leaves files out of the values sent back", () => {
    const form = new FormData();
    form.set("intent", "note");
    form.set("body", "");
    form.set("drawing", new File(["x"], "a.pdf"));
    const parsed = parseForm(Page, form);
    expect(parsed.status === "error" && Object.keys(parsed.values)).toEqual(["intent", "body"]);
  });

  it("reads a field sent twice as first sent, url-encoded or multipart, as `get` does", () => {
    const encoded = new URLSearchParams([
      ["intent", "price"],
      ["cents", "250"],
      ["cents", "1"],
    ]);
    const multipart = new FormData();
    for (const [key, value] of encoded) multipart.append(key, value);
    for (const form of [encoded, multipart]) {
      const parsed = parseForm(Page, form);
      expect(parsed.data).toEqual({ intent: "price", cents: 250 });
      expect(parsed.values.cents).toBe(form.get("cents"));
    }
  });

  it("refuses an unknown intent as a whole-form error, not a crash", () => {
    const parsed = parseForm(Page, new URLSearchParams({ intent: "delete-everything" }));
    expect(parsed).toMatchObject({ status: "error", fieldErrors: {}, formError: FORM_OUT_OF_DATE });
  });

  it("says a field the page fills in that does not check out (a forged id) of the whole form, in words", () => {
    const Line = z.object({ lineId: z.coerce.number().int().positive(), body: Note.shape.body });
    const forged = parseForm(Line, new URLSearchParams({ lineId: "1 OR 1=1", body: "" }));
    expect(forged).toMatchObject({ fieldErrors: { body: "Write a note" }, formError: FORM_OUT_OF_DATE });
    expect(parseForm(Line, new URLSearchParams({ body: "Noted" }))).toMatchObject({
      fieldErrors: {},
      formError: FORM_OUT_OF_DATE,
    });
  });
});

describe("a refused form's values", () => {
  const typed = "Pump\u0000 housing\u000B\u0085 ✓\uFFFE\r\n\tcast iron";
  const shown = "Pump housing ✓\r\n\tcast iron";

  it("are sent back without what a page cannot show (a NUL, a vertical tab, C1s, noncharacters), while the schema sees them", () => {
    const parsed = parseForm(Page, new URLSearchParams({ intent: "note", body: typed.padEnd(600, "x") }));
    expect(parsed).toMatchObject({ status: "error", values: { body: shown + "x".repeat(600 - typed.length) } });
    const Plain = z.object({ body: z.string().refine((text) => !text.includes("\u0000"), { error: "NUL" }) });
    expect(parseForm(Plain, new URLSearchParams({ body: typed }))).toMatchObject({ fieldErrors: { body: "NUL" } });
  });

  it("are cleaned however they were read (a multipart form's fields), as the answer is made", () => {
    const answer = invalid({ status: "error", fieldErrors: {}, values: { body: typed } }, 413);
    expect(answer.data.values).toEqual({ body: shown });
    expect(answer.init?.status).toBe(413);
  });
});

describe("constraintsOf", () => {
  it("reads required, lengths and bounds from the schema, across the forms of a page", () => {
    expect(constraintsOf(Page)).toEqual({
      body: { required: true, minLength: 1, maxLength: 500 },
      cents: { required: true, min: 1, max: 1_000_000 },
      memo: { maxLength: 20 },
    });
  });
});

describe("a refusal no row of the page claims", () => {
  const refused = (values: Record<string, string>, fieldErrors: Record<string, string> = {}, formError?: string) =>
    ({ status: "error", fieldErrors, formError, values }) as const;

  it("is the page's to show, as the form's own message, or that the form is out of date", () => {
    expect(
      unclaimed(refused({ lineId: "7" }, { quantity: "Quantity must be at least 1" }), "lineId", [1, 2]),
    ).toMatchObject({
      formError: FORM_OUT_OF_DATE,
    });
    expect(unclaimed(refused({ lineId: "7" }, {}, "That line is no longer on the list."), "lineId", [1])).toMatchObject(
      {
        formError: "That line is no longer on the list.",
      },
    );
  });

  it("is not the page's when a row claims it, when it is another form's, or when it was no refusal", () => {
    expect(unclaimed(refused({ lineId: "2" }, { quantity: "Too many" }), "lineId", [1, 2])).toBeUndefined();
    expect(unclaimed(refused({ name: "Plant 2" }, { name: "Too long" }), "lineId", [1])).toBeUndefined();
    expect(unclaimed({ status: "success", fieldErrors: {}, values: { lineId: "7" } }, "lineId", [1])).toBeUndefined();
  });
});
