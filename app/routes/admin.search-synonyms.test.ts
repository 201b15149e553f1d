import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { searchSynonyms } from "~db/schema";
import type { FormResult } from "~/lib/forms";
import { signIn } from "~/admin/auth.server";
import { db } from "~/lib/db.server";
import { parseCatalogFilters } from "~/catalog/catalog-filters";
import { searchProducts } from "~/catalog/search.server";
import { listSpecDefinitions, specKindsByKey } from "~/catalog/spec.server";
import { makeProduct, makeSalesUser } from "../../tests/support/factories";
import { action, loader } from "./admin.search-synonyms";

async function salesCookie() {
  const user = await makeSalesUser();
  const signedIn = await signIn(new Request("http://localhost/admin/login"), user, "/admin");
  return signedIn.headers.get("Set-Cookie")!.split(";")[0];
}

type Answer = { init: { status: number }; data: FormResult } & Partial<Response>;
const post = (cookie: string, fields: Record<string, string>) =>
  action({
    request: new Request("http://localhost/admin/search-synonyms", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", Cookie: cookie },
      body: new URLSearchParams(fields).toString(),
    }),
    params: {},
    context: { cspNonce: "test" },
  }) as unknown as Promise<Answer>;

const specs = listSpecDefinitions();
const filters = parseCatalogFilters(new URLSearchParams(), specKindsByKey(specs), "relevance");
const found = (q: string) => searchProducts(q, filters, specs)?.products.map((p) => p.id) ?? [];
const groupOf = (terms: string) => db.select().from(searchSynonyms).where(eq(searchSynonyms.terms, terms)).get();

describe("back-office search synonyms", () => {
  it("lists the seeded groups for sales", async () => {
    const cookie = await salesCookie();
    const answer = (await loader({
      request: new Request("http://localhost/admin/search-synonyms", { headers: { Cookie: cookie } }),
      params: {},
      context: { cspNonce: "test" },
    })) as unknown as { data: { groups: { terms: string }[]; constraints: Record<string, unknown> } };
    expect(answer.data.groups.map((g) => g.terms)).toContain("pasteuriser, pasteurizer");
    expect(answer.data.constraints.terms).toEqual({ required: true, minLength: 1, maxLength: 500 });
  });

  it("refuses a group of one term at the field, keeping what was typed, and stores nothing", async () => {
    const cookie = await salesCookie();
    const before = db.select().from(searchSynonyms).all().length;
    const answer = await post(cookie, { intent: "create", terms: " lonely ,, " });
    expect(answer.init.status).toBe(400);
    expect(answer.data.fieldErrors).toEqual({ terms: "Enter at least two terms, separated by commas" });
    expect(answer.data.values).toEqual({ intent: "create", terms: " lonely ,, " });
    expect(db.select().from(searchSynonyms).all().length).toBe(before);
  });

  it("adds, edits and deletes a group, and search follows each change at once", async () => {
    const cookie = await salesCookie();
    const product = makeProduct({ name: "Hushbox enclosure" });
    expect(found("snorkelcase")).toEqual([]);

    const created = await post(cookie, { intent: "create", terms: "Snorkelcase,  hushbox , SNORKELCASE" });
    expect(created.status).toBe(302);
    expect(created.headers?.get("Location")).toBe("/admin/search-synonyms?saved=created");
    const group = groupOf("Snorkelcase, hushbox")!;
    expect(found("snorkelcase")).toEqual([product]);

    const bad = await post(cookie, { intent: "save", id: String(group.id), terms: "snorkelcase" });
    expect(bad.init.status).toBe(400);
    expect(bad.data.fieldErrors).toEqual({ terms: "Enter at least two terms, separated by commas" });
    expect(bad.data.values).toEqual({ intent: "save", id: String(group.id), terms: "snorkelcase" });

    const saved = await post(cookie, { intent: "save", id: String(group.id), terms: "quietcase, hushbox" });
    expect(saved.status).toBe(302);
    expect(found("snorkelcase")).toEqual([]);
    expect(found("quietcase")).toEqual([product]);

    const deleted = await post(cookie, { intent: "delete", id: String(group.id) });
    expect(deleted.status).toBe(302);
    expect(groupOf("quietcase, hushbox")).toBeUndefined();
    expect(found("quietcase")).toEqual([]);

    const gone = await post(cookie, { intent: "save", id: String(group.id), terms: "quietcase, hushbox" });
    expect(gone.init.status).toBe(404);
    expect(gone.data.formError).toBe("These synonyms were deleted meanwhile.");
  });
});
