import { describe, expect, it } from "vitest";
import { customers } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import {
  countSessions,
  findSessionCustomer,
  safeAccountRedirect,
  startCustomerSession,
} from "./customer-session.server";

const newCustomer = (email: string) => db.insert(customers).values({ email }).returning({ id: customers.id }).get().id;

describe("customer sessions", () => {
  it("rotates at sign-in: the browser's previous session ends", () => {
    const id = newCustomer(`rotate.${Date.now()}@sessions.example`);
    const first = writeTransaction(() => startCustomerSession(id, undefined));
    expect(findSessionCustomer(first)?.id).toBe(id);
    const second = writeTransaction(() => startCustomerSession(id, first));
    expect(second).not.toBe(first);
    expect(findSessionCustomer(first)).toBeUndefined();
    expect(findSessionCustomer(second)?.id).toBe(id);
    expect(countSessions(id)).toBe(1);
  });

  it("ends after 30 days", () => {
    const id = newCustomer(`expire.${Date.now()}@sessions.example`);
    const start = new Date();
    const token = writeTransaction(() => startCustomerSession(id, undefined, start));
    expect(findSessionCustomer(token, new Date(start.getTime() + 29 * 86400_000))?.id).toBe(id);
    expect(findSessionCustomer(token, new Date(start.getTime() + 31 * 86400_000))).toBeUndefined();
  });

  it("returns only to a path of the site after sign-in", () => {
    expect(safeAccountRedirect("/quote?x=1")).toBe("/quote?x=1");
    const elsewhere = ["https://evil.example/", "//evil.example", "/\\evil.example", "/admin", "/sign-in", "", null];
    // Dot segments that parse to a path starting "//": another host to a browser.
    const dotted = ["/.//evil.example/path", "/x/..//evil.example", "/%2e//evil.example", "/./%2e/..//evil.example"];
    for (const target of [...elsewhere, ...dotted]) expect(safeAccountRedirect(target)).toBe("/account");
    expect(safeAccountRedirect("/catalog/./valves")).toBe("/catalog/valves");
  });
});
