import { describe, expect, it } from "vitest";
import { FIELD_TOO_LONG } from "~/lib/attachments.server";
import type { FormResult } from "~/lib/forms";
import { addProductToQuoteList } from "./quote-list.server";
import { readQuoteListForm } from "./quote-list-page.server";
import { seededProduct } from "../../tests/support/factories";

describe("the request form sent with a text field over the reader's limit", () => {
  it("is refused above the form and at the field, with what was read before it and the start of it kept", async () => {
    const { token } = addProductToQuoteList(undefined, seededProduct().id, 2);
    const form = new FormData();
    form.set("intent", "submit-request");
    form.set("company", "Bayou Process Co");
    form.set("contactName", "Lee Tran");
    form.set("email", "lee@bayou.example");
    form.set("message", "x".repeat(65 * 1024));
    const sent = await readQuoteListForm(new Request("http://localhost/quote", { method: "POST", body: form }), token);
    if (!("refused" in sent) || !sent.refused) throw new Error("expected a refusal");
    const { data: result, init } = sent.refused as unknown as { data: FormResult; init: { status: number } };
    expect(init.status).toBe(413);
    expect(result).toMatchObject({
      intent: "submit-request",
      formError: FIELD_TOO_LONG,
      fieldErrors: { message: expect.stringMatching(/^This field is too long/) },
      values: { company: "Bayou Process Co", contactName: "Lee Tran", email: "lee@bayou.example" },
    });
    expect(result.values?.message).toBe("x".repeat(64 * 1024));
  });
});
