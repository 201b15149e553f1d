import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { customers, outboxEmails, signInCodes } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { checkSignInCode, findSignInLink, issueSignInCode, redeemSignInLink } from "./sign-in-code.server";
import { SIGN_IN_CODE_ATTEMPTS, SIGN_IN_CODES_PER_EMAIL_PER_HOUR } from "./sign-in-rules";

let n = 0;
const freshEmail = () => `Buyer.${Date.now()}.${++n}@Codes.Example`;
const address = () => `203.0.113.${n % 250}`;
const check = (email: string, code: string, now?: Date) =>
  writeTransaction(() => checkSignInCode(email, code, `198.51.100.${n % 250}`, now));
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

function issued(email: string, now?: Date) {
  const sent = issueSignInCode(email, address(), now);
  if (!sent.ok) throw new Error("not sent");
  return sent;
}

describe("e-mailed sign-in codes", () => {
  it("e-mails a code and a link, keeps neither in the clear, and signs in once with the code", () => {
    const email = freshEmail();
    const { code, linkToken } = issued(email);
    const row = db.select().from(signInCodes).where(eq(signInCodes.email, email.toLowerCase())).get()!;
    expect(row.codeHash).not.toContain(code);
    expect(row.linkTokenHash).not.toBe(linkToken);
    const mail = db.select().from(outboxEmails).all().at(-1)!;
    expect(mail.to).toBe(email.toLowerCase());
    expect(mail.subject).toBe("Your IronAxis sign-in code");
    expect(mail.text).toContain(`Your sign-in code is ${code}.`);
    expect(mail.text).toContain(`/sign-in/link/${linkToken}`);

    const first = check(email, code);
    expect(first.ok).toBe(true);
    // The account is made on the first sign-in, with the e-mail lower-cased.
    const customer = db.select().from(customers).where(eq(customers.email, email.toLowerCase())).get()!;
    expect(first).toEqual({ ok: true, customerId: customer.id });
    // Replayed, the same code is spent; so is its link.
    expect(check(email, code)).toEqual({ ok: false, reason: "spent" });
    expect(findSignInLink(linkToken)).toBeUndefined();
  });

  it("spends a code after too many wrong ones: the right code then fails too", () => {
    const email = freshEmail();
    const { code } = issued(email);
    for (let i = 1; i < SIGN_IN_CODE_ATTEMPTS; i++)
      expect(check(email, wrongCode(code))).toEqual({ ok: false, reason: "wrong" });
    expect(check(email, wrongCode(code))).toEqual({ ok: false, reason: "spent" });
    expect(check(email, code)).toEqual({ ok: false, reason: "spent" });
  });

  it("refuses a code after 15 minutes, and an earlier code once a newer one is sent", () => {
    const email = freshEmail();
    const start = new Date();
    const old = issued(email, start);
    const later = new Date(start.getTime() + 16 * 60_000);
    expect(check(email, old.code, later)).toEqual({ ok: false, reason: "spent" });

    const other = freshEmail();
    const first = issued(other);
    const second = issued(other);
    if (first.code !== second.code) expect(check(other, first.code).ok).toBe(false);
    expect(check(other, second.code).ok).toBe(true);
  });

  it("sends one address at most its hourly number of codes", () => {
    const email = freshEmail();
    for (let i = 0; i < SIGN_IN_CODES_PER_EMAIL_PER_HOUR; i++) issued(email);
    expect(issueSignInCode(email, address())).toEqual({ ok: false, reason: "throttled" });
  });

  it("signs in once with the link, whose e-mail is shown before it is used", () => {
    const email = freshEmail();
    const { linkToken, code } = issued(email);
    expect(findSignInLink(linkToken)?.email).toBe(email.toLowerCase());
    const id = writeTransaction(() => redeemSignInLink(linkToken));
    expect(id).toBeGreaterThan(0);
    expect(writeTransaction(() => redeemSignInLink(linkToken))).toBeUndefined();
    // The link and the code are one sign-in: using one spends the other.
    expect(check(email, code)).toEqual({ ok: false, reason: "spent" });
    expect(writeTransaction(() => redeemSignInLink("not-a-token"))).toBeUndefined();
  });

  it("stops one network's wrong codes over many e-mails", () => {
    const ip = "192.0.2.77";
    let last;
    for (let i = 0; i < 40; i++) {
      const email = freshEmail();
      last = writeTransaction(() => checkSignInCode(email, "000000", ip));
    }
    expect(last).toEqual({ ok: false, reason: "throttled" });
  });
});
