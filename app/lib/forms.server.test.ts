import { describe, expect, it } from "vitest";
import { z } from "zod";
import { constraintsOf, parseForm } from "./forms.server";

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

  it("leaves files out of the values sent back", () => {
    const form = new FormData();
    form.set("intent", "note");
    form.set("body", "");
    form.set("drawing", new File(["x"], "a.pdf"));
    const parsed = parseForm(Page, form);
    expect(parsed.status === "error" && Object.keys(parsed.values)).toEqual(["intent", "body"]);
  });

  it("refuses an unknown intent as a whole-form error, not a crash", () => {
    const parsed = parseForm(Page, new URLSearchParams({ intent: "delete-everything" }));
    expect(parsed.status).toBe("error");
    expect(parsed.status === "error" && parsed.formError).toBeTruthy();
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
