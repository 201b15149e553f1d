import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms.server";
import { SynonymForm } from "./search-synonym-schema";
import { SYNONYM_INTENT } from "./search-synonym-forms";

const create = (terms: string) => parseForm(SynonymForm, new URLSearchParams({ intent: SYNONYM_INTENT.create, terms }));

describe("a synonym group typed by sales", () => {
  it("is stored tidy: trimmed, one space, no repeats in any case", () => {
    expect(create(" pasteuriser ,  pasteurizer,PASTEURISER, heat   treater ")).toMatchObject({
      status: "success",
      data: { terms: "pasteuriser, pasteurizer, heat treater" },
    });
  });

  it("refuses one term, a wordless term, and control characters, with what was typed kept (less what a page cannot show)", () => {
    expect(create("pump, PUMP")).toMatchObject({
      status: "error",
      fieldErrors: { terms: "Enter at least two terms, separated by commas" },
    });
    expect(create("pump, --")).toMatchObject({ fieldErrors: { terms: "“--” has no letters or digits" } });
    // A term of nothing visible is no term: not quoted back as “ ”.
    expect(create("pump, \u200b\u2060")).toMatchObject({
      fieldErrors: { terms: "Enter at least two terms, separated by commas" },
    });
    expect(create("pump,\u0000 impeller")).toMatchObject({
      status: "error",
      fieldErrors: { terms: "Remove the control characters from this text" },
      values: { terms: "pump, impeller" },
    });
  });
});
