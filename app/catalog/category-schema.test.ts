import { describe, expect, it } from "vitest";
import { CategoryListForm, newCategory } from "./category-schema";
import { parseForm } from "~/lib/forms.server";

const message =
  "A web address needs letters a–z or digits: give a slug such as “bourdon-gauge-63-mm”, or leave the slug empty and use some in the name";

const parseNewCategory = (values: Record<string, string>) => {
  const parsed = parseForm(CategoryListForm, new URLSearchParams({ intent: "create", ...values }));
  if (parsed.status === "error") return { ok: false, errors: parsed.fieldErrors };
  return parsed.data.intent === "create" ? { ok: true, category: newCategory(parsed.data) } : undefined;
};

describe("new category form", () => {
  it("makes the slug from the name when none is typed", () => {
    expect(parseNewCategory({ name: "Test rigs", slug: "", parentId: "" })).toEqual({
      ok: true,
      category: { name: "Test rigs", slug: "test-rigs", description: "", parentId: null },
    });
  });

  it("refuses control characters in the name and description, at each field", () => {
    expect(parseNewCategory({ name: "Test\u0007rigs", description: "Rigs\u0000", slug: "rigs", parentId: "" })).toEqual(
      {
        ok: false,
        errors: {
          name: "Remove the control characters from this text",
          description: "Remove the control characters from this text",
        },
      },
    );
  });

  it("refuses a category that would have no web address at the slug field", () => {
    expect(parseNewCategory({ name: "日本語", slug: "", parentId: "" })).toEqual({
      ok: false,
      errors: { slug: message },
    });
    expect(parseNewCategory({ name: "日本語", slug: "", parentId: "x" })).toEqual({
      ok: false,
      errors: { slug: message, parentId: "Choose a parent category" },
    });
    expect(parseNewCategory({ name: "Rigs", slug: "日本語", parentId: "" })).toEqual({
      ok: false,
      errors: { slug: message },
    });
    expect(parseNewCategory({ name: "日本語", slug: "nihongo", parentId: "" })).toMatchObject({
      ok: true,
      category: { slug: "nihongo" },
    });
  });
});

describe("category list forms", () => {
  it("moves a category by its id and says when a form is not one of the page's", () => {
    expect(parseForm(CategoryListForm, new URLSearchParams({ intent: "up", id: "7" }))).toMatchObject({
      status: "success",
      data: { intent: "up", id: 7 },
    });
    expect(parseForm(CategoryListForm, new URLSearchParams({ intent: "rename" }))).toMatchObject({
      status: "error",
      formError: "This form is out of date: reload the page and try again.",
    });
  });
});
