import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { customers, passkeyChallenges, passkeys } from "~db/schema";
import { softAuthenticate, softRegister } from "../../tests/support/soft-authenticator";
import { db, writeTransaction } from "~/lib/db.server";
import { PASSKEY_SIGN_IN_OPTIONS_PER_ADDRESS, PASSKEYS_PER_CUSTOMER } from "./passkey-rules";
import {
  checkPasskeySignIn,
  listPasskeys,
  passkeyRegistrationOptions,
  passkeySignInOptions,
  registerPasskey,
  relyingParty,
  removePasskey,
  renamePasskey,
  spendPasskeySignIn,
} from "./passkeys.server";

const { origin, rpID } = relyingParty();

function newCustomer() {
  const email = `buyer-${crypto.randomUUID()}@example.com`;
  return db.insert(customers).values({ email, name: "Dana Buyer" }).returning().get();
}

const address = () => `192.0.2.${crypto.randomInt(1, 255)}-${crypto.randomUUID()}`;

async function customerWithPasskey(name?: string) {
  const customer = newCustomer();
  const options = await passkeyRegistrationOptions(customer);
  if (!options.ok) throw new Error("no options");
  const { credential, response } = softRegister(options.options, { origin });
  const registered = await registerPasskey(customer.id, response, name);
  expect(registered).toEqual({ ok: true, id: credential.id });
  return { customer, credential };
}

async function signIn(credential: Parameters<typeof softAuthenticate>[0], now = new Date()) {
  const options = (await passkeySignInOptions(address(), now))!;
  const response = softAuthenticate(credential, options, { origin });
  const check = await checkPasskeySignIn(response, now);
  const customerId = check.ok ? writeTransaction(() => spendPasskeySignIn(check.proof, now)) : undefined;
  return { check, customerId, response };
}

describe("passkey registration", () => {
  it("asks for a discoverable passkey on this site, excluding the buyer's own, and keeps the challenge hashed", async () => {
    const { customer, credential } = await customerWithPasskey();
    const result = await passkeyRegistrationOptions(customer);
    if (!result.ok) throw new Error("refused");
    const { options } = result;
    expect(options.rp).toEqual({ id: rpID, name: "IronAxis" });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    expect(options.excludeCredentials?.map((c) => c.id)).toEqual([credential.id]);
    expect(options.user.name).toBe(customer.email);
    // The user handle is opaque (32 bytes of an HMAC, not the e-mail or the id), stable per buyer.
    expect(Buffer.from(options.user.id, "base64url")).toHaveLength(32);
    const again = await passkeyRegistrationOptions(customer);
    const stranger = await passkeyRegistrationOptions(newCustomer());
    if (!again.ok || !stranger.ok) throw new Error("refused");
    expect(again.options.user.id).toBe(options.user.id);
    expect(stranger.options.user.id).not.toBe(options.user.id);
    const stored = db.select().from(passkeyChallenges).where(eq(passkeyChallenges.customerId, customer.id)).all();
    expect(stored.some((row) => row.challengeHash === options.challenge)).toBe(false);
    expect(stored.at(-1)).toMatchObject({ purpose: "register" });
  });

  it("keeps a verified passkey with its key, counter and a default name; the challenge works once", async () => {
    const customer = newCustomer();
    const options = await passkeyRegistrationOptions(customer);
    if (!options.ok) throw new Error("refused");
    const { credential, response } = softRegister(options.options, { origin });
    expect(await registerPasskey(customer.id, response, "")).toEqual({ ok: true, id: credential.id });
    const row = db.select().from(passkeys).where(eq(passkeys.id, credential.id)).get()!;
    expect(row).toMatchObject({ customerId: customer.id, counter: 0, name: "Passkey 1", transports: '["internal"]' });
    expect(row.publicKey.length).toBeGreaterThan(60);
    // The same attestation again: its challenge is spent.
    expect(await registerPasskey(customer.id, response, "")).toEqual({ ok: false, reason: "expired" });
    expect(listPasskeys(customer.id)).toHaveLength(1);
  });

  it("refuses another buyer's challenge, another origin, a sign-in response and an expired challenge", async () => {
    const customer = newCustomer();
    const other = newCustomer();
    const forOther = await passkeyRegistrationOptions(other);
    if (!forOther.ok) throw new Error("refused");
    expect(await registerPasskey(customer.id, softRegister(forOther.options, { origin }).response, "")).toEqual({
      ok: false,
      reason: "expired",
    });

    const mine = await passkeyRegistrationOptions(customer);
    if (!mine.ok) throw new Error("refused");
    const phished = softRegister(mine.options, { origin: "https://ironaxis.example.net" }).response;
    expect(await registerPasskey(customer.id, phished, "")).toEqual({ ok: false, reason: "invalid" });
    // The refused try spent the challenge: a good response to it now comes too late.
    expect(await registerPasskey(customer.id, softRegister(mine.options, { origin }).response, "")).toEqual({
      ok: false,
      reason: "expired",
    });

    const old = new Date(Date.now() - 6 * 60_000);
    const stale = await passkeyRegistrationOptions(customer, old);
    if (!stale.ok) throw new Error("refused");
    expect(await registerPasskey(customer.id, softRegister(stale.options, { origin }).response, "")).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(listPasskeys(customer.id)).toHaveLength(0);
  });

  it("refuses a new passkey whose authenticator did not verify the person", async () => {
    const customer = newCustomer();
    const options = await passkeyRegistrationOptions(customer);
    if (!options.ok) throw new Error("refused");
    const touchOnly = softRegister(options.options, { origin, userVerified: false }).response;
    expect(await registerPasskey(customer.id, touchOnly, "")).toEqual({ ok: false, reason: "invalid" });
    expect(listPasskeys(customer.id)).toHaveLength(0);
  });

  it(`keeps at most ${PASSKEYS_PER_CUSTOMER} passkeys per buyer`, async () => {
    const customer = newCustomer();
    for (let i = 0; i < PASSKEYS_PER_CUSTOMER; i++) {
      const options = await passkeyRegistrationOptions(customer);
      if (!options.ok) throw new Error("refused early");
      expect((await registerPasskey(customer.id, softRegister(options.options, { origin }).response, "")).ok).toBe(
        true,
      );
    }
    expect(await passkeyRegistrationOptions(customer)).toEqual({ ok: false, reason: "limit" });
    expect(listPasskeys(customer.id)).toHaveLength(PASSKEYS_PER_CUSTOMER);
  });
});

describe("passkey sign-in", () => {
  it("signs the passkey's buyer in with no e-mail given, and moves its counter and last use", async () => {
    const { customer, credential } = await customerWithPasskey("Work laptop");
    const { check, customerId } = await signIn(credential);
    expect(check.ok).toBe(true);
    expect(customerId).toBe(customer.id);
    const row = db.select().from(passkeys).where(eq(passkeys.id, credential.id)).get()!;
    expect(row.counter).toBe(1);
    expect(row.lastUsedAt).not.toBeNull();
    expect(listPasskeys(customer.id)).toMatchObject([{ id: credential.id, name: "Work laptop" }]);
  });

  it("refuses a replayed assertion: its challenge is spent", async () => {
    const { credential } = await customerWithPasskey();
    const { response, customerId } = await signIn(credential);
    expect(customerId).toBeDefined();
    expect(await checkPasskeySignIn(response)).toEqual({ ok: false, reason: "expired" });
  });

  it("signs in once when the same checked assertion is spent twice", async () => {
    const { credential } = await customerWithPasskey();
    const options = (await passkeySignInOptions(address()))!;
    const check = await checkPasskeySignIn(softAuthenticate(credential, options, { origin }));
    if (!check.ok) throw new Error("refused");
    expect(writeTransaction(() => spendPasskeySignIn(check.proof))).toBeDefined();
    expect(writeTransaction(() => spendPasskeySignIn(check.proof))).toBeUndefined();
  });

  it("refuses a removed passkey, and one removed between its check and the sign-in", async () => {
    const { customer, credential } = await customerWithPasskey();
    const options = (await passkeySignInOptions(address()))!;
    const check = await checkPasskeySignIn(softAuthenticate(credential, options, { origin }));
    if (!check.ok) throw new Error("refused");
    expect(writeTransaction(() => removePasskey(customer.id, credential.id))).toBe(true);
    expect(writeTransaction(() => spendPasskeySignIn(check.proof))).toBeUndefined();
    const { check: again } = await signIn(credential);
    expect(again).toEqual({ ok: false, reason: "unknown" });
  });

  it("refuses a wrong signature, a counter that went back, another origin and an expired challenge", async () => {
    const { credential } = await customerWithPasskey();
    const options = (await passkeySignInOptions(address()))!;
    const forged = softAuthenticate(credential, options, { origin });
    forged.response.signature = Buffer.from(crypto.randomBytes(70)).toString("base64url");
    expect(await checkPasskeySignIn(forged)).toEqual({ ok: false, reason: "invalid" });

    expect((await signIn(credential)).customerId).toBeDefined();
    const cloned = softAuthenticate(credential, (await passkeySignInOptions(address()))!, { origin, counter: 1 });
    expect(await checkPasskeySignIn(cloned)).toEqual({ ok: false, reason: "invalid" });

    const elsewhere = softAuthenticate(credential, (await passkeySignInOptions(address()))!, {
      origin: "https://ironaxis.example.net",
    });
    expect(await checkPasskeySignIn(elsewhere)).toEqual({ ok: false, reason: "invalid" });

    const old = new Date(Date.now() - 6 * 60_000);
    const stale = softAuthenticate(credential, (await passkeySignInOptions(address(), old))!, { origin });
    expect(await checkPasskeySignIn(stale)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses an assertion whose authenticator did not verify the person (no PIN, no biometrics)", async () => {
    const { credential } = await customerWithPasskey();
    const options = (await passkeySignInOptions(address()))!;
    expect(options.userVerification).toBe("required");
    const touched = softAuthenticate(credential, options, { origin, userVerified: false });
    expect(await checkPasskeySignIn(touched)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses client data that names no challenge, whatever else it holds", async () => {
    const { credential } = await customerWithPasskey();
    const response = softAuthenticate(credential, (await passkeySignInOptions(address()))!, { origin });
    response.response.clientDataJSON = Buffer.from('{"type":"webauthn.get"}').toString("base64url");
    expect(await checkPasskeySignIn(response)).toEqual({ ok: false, reason: "invalid" });
    response.response.clientDataJSON = "not-json";
    expect(await checkPasskeySignIn(response)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a registration challenge used to sign in", async () => {
    const { customer, credential } = await customerWithPasskey();
    const options = await passkeyRegistrationOptions(customer);
    if (!options.ok) throw new Error("refused");
    const response = softAuthenticate(credential, { challenge: options.options.challenge }, { origin });
    expect(await checkPasskeySignIn(response)).toEqual({ ok: false, reason: "expired" });
  });

  it(`gives one address at most ${PASSKEY_SIGN_IN_OPTIONS_PER_ADDRESS} sign-in challenges at a time`, async () => {
    const from = address();
    for (let i = 0; i < PASSKEY_SIGN_IN_OPTIONS_PER_ADDRESS; i++)
      expect(await passkeySignInOptions(from)).toBeDefined();
    expect(await passkeySignInOptions(from)).toBeUndefined();
    expect(await passkeySignInOptions(address())).toBeDefined();
  });
});

describe("passkey management", () => {
  it("renames and removes only the buyer's own passkeys", async () => {
    const { customer, credential } = await customerWithPasskey();
    const stranger = newCustomer();
    expect(writeTransaction(() => renamePasskey(stranger.id, credential.id, "Mine now"))).toBe(false);
    expect(writeTransaction(() => removePasskey(stranger.id, credential.id))).toBe(false);
    expect(writeTransaction(() => renamePasskey(customer.id, credential.id, "Phone"))).toBe(true);
    expect(listPasskeys(customer.id)).toMatchObject([{ name: "Phone" }]);
    expect(writeTransaction(() => removePasskey(customer.id, credential.id))).toBe(true);
    expect(listPasskeys(customer.id)).toEqual([]);
  });
});
