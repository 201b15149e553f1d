import { describe, expect, it } from "vitest";
import { parseNewCategory } from "./category-schema";

const message = "A web address needs letters a–z or digits: give a slug such as “bourdon-gauge-63-mm”, or leave the slug empty and use some in the name";

describe("new category form", () => {
  it("makes the slug from the name when none is typed", () => {
    expect(parseNewCategory({ name: "Test rigs", slug: "", parentId: "" })).toEqual({ ok: true, category: { name: "Test rigs", slug: "test-rigs", description: "", parentId: null } });
  });

  it("refuses a category that would have no web address at the slug field", () => {
    expect(parseNewCategory({ name: "日本語", slug: "", parentId: "" })).toEqual({ ok: false, errors: { slug: message } });
    expect(parseNewCategory({ name: "日本語", slug: "", parentId: "x" })).toEqual({ ok: false, errors: { slug: message, parentId: "Choose a parent category" } });
    expect(parseNewCategory({ name: "Rigs", slug: "日本語", parentId: "" })).toEqual({ ok: false, errors: { slug: message } });
    expect(parseNewCategory({ name: "日本語", slug: "nihongo", parentId: "" })).toMatchObject({ ok: true, category: { slug: "nihongo" } });
  });
});
