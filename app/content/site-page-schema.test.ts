import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms.server";
import { SitePageForm } from "./site-page-schema";

const form = (fields: Record<string, string>) =>
  new URLSearchParams({ title: "Terms of sale", description: "Our terms.", bodyMarkdown: "## Payment", ...fields });

describe("site page form", () => {
  it("takes a page, trimmed", () => {
    const parsed = parseForm(SitePageForm, form({ title: "  Terms of sale  " }));
    expect(parsed.status === "success" && parsed.data).toEqual({
      title: "Terms of sale",
      description: "Our terms.",
      bodyMarkdown: "## Payment",
    });
  });

  it("says what is missing or too long at each field, and keeps what was typed", () => {
    const parsed = parseForm(SitePageForm, form({ title: " ", description: "x".repeat(301), bodyMarkdown: "" }));
    expect(parsed.status).toBe("error");
    expect(parsed.status === "error" && parsed.fieldErrors).toEqual({
      title: "Enter the title",
      description: "Description must be at most 300 characters",
      bodyMarkdown: "Write the page",
    });
    expect(parsed.values.description).toHaveLength(301);
  });

  it("refuses Markdown too costly to render, as the article form does", () => {
    const nested = Array.from({ length: 60 }, (_, depth) => `${"  ".repeat(depth)}- item`).join("\n");
    const parsed = parseForm(SitePageForm, form({ bodyMarkdown: nested }));
    expect(parsed.status === "error" && parsed.fieldErrors.bodyMarkdown).toMatch(/nest at most 50 levels/);
    const long = parseForm(SitePageForm, form({ bodyMarkdown: "a".repeat(20_001) }));
    expect(long.status === "error" && long.fieldErrors.bodyMarkdown).toBe("The page must be at most 20,000 characters");
  });

  it("refuses control characters in the body, which HTML cannot carry, as in the title", () => {
    const parsed = parseForm(SitePageForm, form({ bodyMarkdown: "About \u0000us\u0007 \u001b[1m" }));
    expect(parsed.status === "error" && parsed.fieldErrors).toEqual({
      bodyMarkdown: "Remove the control characters from this text",
    });
  });
});
