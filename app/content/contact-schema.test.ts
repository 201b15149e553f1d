import { describe, expect, it } from "vitest";
import { constraintsOf, parseForm } from "~/lib/forms.server";
import { createToken } from "~/lib/tokens.server";
import { ContactForm } from "./contact-schema";

const valid = {
  name: "Priya Raman",
  company: "Gulf Coast Fabricators",
  email: "priya@gcf.example",
  phone: "",
  subject: "Seal kits",
  message: "Do you stock the PTFE seal kit?",
  submissionKey: createToken(),
  formStartedAt: "",
  website: "",
};
const parse = (fields: Partial<typeof valid>) => parseForm(ContactForm, new URLSearchParams({ ...valid, ...fields }));

describe("contact form", () => {
  it("takes a message, phone optional, fields trimmed", () => {
    const parsed = parse({ name: " Priya Raman " });
    expect(parsed.status === "success" && parsed.data).toMatchObject({ name: "Priya Raman", phone: "" });
  });

  it("says what is wrong at each field, keeping everything typed", () => {
    const parsed = parse({ company: "", email: "priya-at-gcf", message: "Hi" });
    expect(parsed.status === "error" && parsed.fieldErrors).toEqual({
      company: "Enter your company name",
      email: "Enter an e-mail address like name@company.com",
      message: "Write your message (at least 10 characters)",
    });
    expect(parsed.values).toMatchObject({ email: "priya-at-gcf", name: "Priya Raman" });
  });

  it("refuses a filled honeypot, control characters and a forged key", () => {
    const bot = parse({ website: "http://spam.example" });
    expect(bot.status === "error" && bot.fieldErrors.website).toBe("Leave this field empty");
    const control = parse({ message: "Hello sales\u0000, any news?" });
    expect(control.status === "error" && control.fieldErrors.message).toBe(
      "Remove the control characters from this text",
    );
    const forged = parse({ submissionKey: "abc" });
    expect(forged.status === "error" && forged.fieldErrors.submissionKey).toBe(
      "The form expired: please send it again",
    );
  });

  it("gives the page its HTML limits from the same schema", () => {
    expect(constraintsOf(ContactForm)).toMatchObject({
      name: { required: true, maxLength: 200 },
      phone: { maxLength: 50 },
      message: { required: true, minLength: 10, maxLength: 5000 },
    });
  });
});
