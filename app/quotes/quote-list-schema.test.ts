import { describe, expect, it } from "vitest";
import { constraintsOf, parseForm } from "~/lib/forms.server";
import { QuoteListAction, RequirementRow } from "./quote-list-schema";

const parse = (fields: Record<string, string>) => parseForm(QuoteListAction, new URLSearchParams(fields));
const freeForm = { intent: "add-free-form", description: "Stainless jacketed kettle", quantity: "2", targetPrice: "" };

describe("QuoteListAction", () => {
  it("reads a free-form line with its specs that matter, skipping empty rows", () => {
    const parsed = parse({
      ...freeForm,
      targetPrice: "1,250.50",
      equivalentAccepted: "on",
      spec0: "Capacity",
      value0: "500 L",
      spec1: "",
      value1: "",
      spec2: "Material",
      value2: "316L",
      importance2: "nice",
    });
    expect(parsed).toMatchObject({
      status: "success",
      data: {
        intent: "add-free-form",
        line: {
          description: "Stainless jacketed kettle",
          quantity: 2,
          targetPriceCents: 125050,
          equivalentAccepted: true,
          note: "",
          requirements: [
            { spec: "Capacity", value: "500 L", mustHave: true },
            { spec: "Material", value: "316L", mustHave: false },
          ],
        },
      },
    });
  });

  it("takes a target price up to the most a unit may cost, and says which is wrong", () => {
    expect(parse({ ...freeForm, targetPrice: "10,000,000.01" })).toMatchObject({
      fieldErrors: { targetPrice: "At most $10,000,000.00" },
    });
    expect(parse({ ...freeForm, targetPrice: "12,50" })).toMatchObject({
      fieldErrors: { targetPrice: "Enter a price in US dollars, for example 1250 or 1,250.50" },
    });
  });

  it("says what is wrong with a spec row at that row's value", () => {
    expect(parse({ ...freeForm, spec1: "Pressure", value1: "v".repeat(201) })).toMatchObject({
      status: "error",
      intent: "add-free-form",
      fieldErrors: { value1: "Keep the value under 200 characters" },
    });
  });

  it("checks the request form with the same schema, under its own intent", () => {
    const parsed = parse({ intent: "submit-request", company: "", email: "dana-at-acme", country: "Chile" });
    expect(parsed).toMatchObject({
      status: "error",
      intent: "submit-request",
      fieldErrors: { company: "Enter your company name", email: "Enter an e-mail address like name@company.com" },
    });
  });

  it("gives the page the limits of the list's and the request's fields", () => {
    expect(constraintsOf(QuoteListAction)).toMatchObject({
      note: { maxLength: 1000 },
      description: { required: true, maxLength: 500 },
      lines: { maxLength: 20_000 },
      company: { required: true, maxLength: 200 },
      message: { maxLength: 5000 },
    });
    expect(constraintsOf(RequirementRow)).toMatchObject({ spec: { maxLength: 100 }, value: { maxLength: 200 } });
  });
});
