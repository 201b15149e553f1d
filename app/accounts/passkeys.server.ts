import crypto from "node:crypto";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { and, asc, count, eq, gt, lt } from "drizzle-orm";
import { passkeyChallenges, passkeys, type PasskeyChallengePurpose } from "~db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { derivedKey } from "~/lib/link-secret.server";
import { takeRateLimit } from "~/lib/rate-limit.server";
import { hashToken } from "~/lib/tokens.server";
import { PASSKEY_CHALLENGE_MINUTES, PASSKEY_SIGN_IN_OPTIONS_PER_ADDRESS, PASSKEYS_PER_CUSTOMER } from "./passkey-rules";

/** The relying party is the site itself: its host name is the RP ID, its origin the only one accepted. */
export function relyingParty(siteUrl = env.SITE_URL) {
  const url = new URL(siteUrl);
  return { rpName: "IronAxis", rpID: url.hostname, origin: url.origin };
}

/**
 * The WebAuthn user handle of a buyer: stable, opaque (an HMAC of the id under the server's
 * secret), so an authenticator never holds the buyer's e-mail or database id.
 */
function userHandle(customerId: number) {
  return new Uint8Array(
    crypto.createHmac("sha256", derivedKey("passkey user handles")).update(String(customerId)).digest(),
  );
}

const parseTransports = (json: string): string[] => {
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) ? list.filter((t): t is string => typeof t === "string") : [];
  } catch {
    return [];
  }
};

/** Keeps a challenge the server handed out (its hash), for one use within five minutes. Inside a transaction. */
function storeChallenge(challenge: string, purpose: PasskeyChallengePurpose, customerId: number | null, now: Date) {
  db.delete(passkeyChallenges).where(lt(passkeyChallenges.expiresAt, now.toISOString())).run();
  db.insert(passkeyChallenges)
    .values({
      challengeHash: hashToken(challenge),
      purpose,
      customerId,
      expiresAt: new Date(now.getTime() + PASSKEY_CHALLENGE_MINUTES * 60_000).toISOString(),
      createdAt: now.toISOString(),
    })
    .run();
}

const challengeMatches = (challenge: string, purpose: PasskeyChallengePurpose, customerId: number | null, now: Date) =>
  and(
    eq(passkeyChallenges.challengeHash, hashToken(challenge)),
    eq(passkeyChallenges.purpose, purpose),
    customerId === null ? undefined : eq(passkeyChallenges.customerId, customerId),
    gt(passkeyChallenges.expiresAt, now.toISOString()),
  );

function isLiveChallenge(challenge: string, purpose: PasskeyChallengePurpose, customerId: number | null, now: Date) {
  return Boolean(
    db
      .select({ id: passkeyChallenges.id })
      .from(passkeyChallenges)
      .where(challengeMatches(challenge, purpose, customerId, now))
      .get(),
  );
}

/** Spends a challenge, inside the caller's transaction: true when it was live (and now is not). */
function spendChallenge(challenge: string, purpose: PasskeyChallengePurpose, customerId: number | null, now: Date) {
  return (
    db
      .delete(passkeyChallenges)
      .where(challengeMatches(challenge, purpose, customerId, now))
      .run().changes === 1
  );
}

/** The challenge a browser signed, read from its client data; undefined for anything unreadable. */
function signedChallenge(clientDataJSON: string) {
  try {
    const clientData: unknown = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
    const challenge = (clientData as { challenge?: unknown } | null)?.challenge;
    return typeof challenge === "string" ? challenge : undefined;
  } catch {
    return undefined;
  }
}

/** Spends the challenge of a refused response: a challenge is good for one try. */
function refuse<R extends string>(
  challenge: string,
  purpose: PasskeyChallengePurpose,
  customerId: number | null,
  now: Date,
  reason: R,
) {
  writeTransaction(() => spendChallenge(challenge, purpose, customerId, now));
  return { ok: false as const, reason };
}

/** A buyer's passkeys, oldest first, as the security page lists them. */
export function listPasskeys(customerId: number) {
  return db
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
    .from(passkeys)
    .where(eq(passkeys.customerId, customerId))
    .orderBy(asc(passkeys.createdAt), asc(passkeys.id))
    .all();
}

const countPasskeys = (customerId: number) =>
  db.select({ n: count() }).from(passkeys).where(eq(passkeys.customerId, customerId)).get()!.n;

export type RegistrationOptionsResult =
  { ok: true; options: PublicKeyCredentialCreationOptionsJSON } | { ok: false; reason: "limit" };

/**
 * Options for a new passkey of the signed-in buyer: a discoverable credential (so that signing
 * in needs no e-mail typed), none of the authenticators they registered already.
 */
export async function passkeyRegistrationOptions(
  customer: { id: number; email: string; name: string },
  now = new Date(),
): Promise<RegistrationOptionsResult> {
  if (countPasskeys(customer.id) >= PASSKEYS_PER_CUSTOMER) return { ok: false, reason: "limit" };
  const { rpName, rpID } = relyingParty();
  const theirs = db
    .select({ id: passkeys.id, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.customerId, customer.id))
    .all();
  const options = await generateRegistrationOptions({
    rpName,
    rpID,
    userID: userHandle(customer.id),
    userName: customer.email,
    userDisplayName: customer.name || customer.email,
    attestationType: "none",
    excludeCredentials: theirs.map((passkey) => ({ id: passkey.id, transports: parseTransports(passkey.transports) })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  writeTransaction(() => storeChallenge(options.challenge, "register", customer.id, now));
  return { ok: true, options };
}

export type RegistrationResult =
  { ok: true; id: string } | { ok: false; reason: "invalid" | "expired" | "limit" | "duplicate" };

/**
 * Checks a new passkey against the challenge this buyer was given, and keeps it. The challenge
 * is spent in the transaction that stores the passkey, so one attestation adds one passkey.
 */
export async function registerPasskey(
  customerId: number,
  response: RegistrationResponseJSON,
  name: string | undefined,
  now = new Date(),
): Promise<RegistrationResult> {
  const clientDataJSON = response.response.clientDataJSON;
  const challenge = signedChallenge(clientDataJSON);
  if (!challenge) return { ok: false, reason: "invalid" };
  if (!isLiveChallenge(challenge, "register", customerId, now)) return { ok: false, reason: "expired" };
  const { rpID, origin } = relyingParty();
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      // A passkey signs in alone (no e-mail, no password): the authenticator must have checked the
      // person (PIN or biometrics), not only that someone touched it.
      requireUserVerification: true,
    });
  } catch {
    verification = undefined;
  }
  if (!verification?.verified) return refuse(challenge, "register", customerId, now, "invalid");
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;
  return writeTransaction((): RegistrationResult => {
    if (!spendChallenge(challenge, "register", customerId, now)) return { ok: false, reason: "expired" };
    if (countPasskeys(customerId) >= PASSKEYS_PER_CUSTOMER) return { ok: false, reason: "limit" };
    if (db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.id, credential.id)).get())
      return { ok: false, reason: "duplicate" };
    const added = countPasskeys(customerId) + 1;
    db.insert(passkeys)
      .values({
        id: credential.id,
        customerId,
        publicKey: Buffer.from(credential.publicKey),
        counter: credential.counter,
        transports: JSON.stringify(credential.transports ?? response.response.transports ?? []),
        deviceType: credentialDeviceType,
        backedUp: credentialBackedUp,
        name: name || `Passkey ${added}`,
        createdAt: now.toISOString(),
      })
      .run();
    return { ok: true, id: credential.id };
  });
}

/**
 * Options for signing in with any passkey of this site the browser holds (no e-mail typed), or
 * undefined when this client address asked for too many (each one is a row until it expires).
 */
export async function passkeySignInOptions(
  address: string,
  now = new Date(),
): Promise<PublicKeyCredentialRequestOptionsJSON | undefined> {
  const options = await generateAuthenticationOptions({ rpID: relyingParty().rpID, userVerification: "required" });
  return writeTransaction(() => {
    const perAddress = { limit: PASSKEY_SIGN_IN_OPTIONS_PER_ADDRESS, windowSeconds: PASSKEY_CHALLENGE_MINUTES * 60 };
    if (!takeRateLimit("passkey-sign-in-options", address, perAddress)) return undefined;
    storeChallenge(options.challenge, "sign-in", null, now);
    return options;
  });
}

/** A checked assertion, to be spent by `spendPasskeySignIn` inside the sign-in's transaction. */
export type PasskeyProof = {
  passkeyId: string;
  customerId: number;
  challenge: string;
  previousCounter: number;
  newCounter: number;
};

export type SignInCheck = { ok: true; proof: PasskeyProof } | { ok: false; reason: "unknown" | "invalid" | "expired" };

/**
 * Checks a passkey assertion: a passkey we still hold (a removed one is refused), signed over a
 * live sign-in challenge of ours, for this site. Nothing is written when it passes: the sign-in
 * spends it (`spendPasskeySignIn`); a refused one spends its challenge here.
 */
export async function checkPasskeySignIn(response: AuthenticationResponseJSON, now = new Date()): Promise<SignInCheck> {
  const challenge = signedChallenge(response.response.clientDataJSON);
  if (!challenge) return { ok: false, reason: "invalid" };
  const passkey = db.select().from(passkeys).where(eq(passkeys.id, response.id)).get();
  if (!passkey) return refuse(challenge, "sign-in", null, now, "unknown");
  if (!isLiveChallenge(challenge, "sign-in", null, now)) return { ok: false, reason: "expired" };
  const { rpID, origin } = relyingParty();
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: passkey.id,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: passkey.counter,
        transports: parseTransports(passkey.transports),
      },
      requireUserVerification: true,
    });
  } catch {
    verification = undefined;
  }
  if (!verification?.verified) return refuse(challenge, "sign-in", null, now, "invalid");
  return {
    ok: true,
    proof: {
      passkeyId: passkey.id,
      customerId: passkey.customerId,
      challenge,
      previousCounter: passkey.counter,
      newCounter: verification.authenticationInfo.newCounter,
    },
  };
}

/**
 * Spends a checked assertion inside the sign-in's transaction: its challenge (so a replay finds
 * none) and the passkey's counter, unless the passkey was removed or used meanwhile. The buyer's
 * id, or undefined to refuse.
 */
export function spendPasskeySignIn(proof: PasskeyProof, now = new Date()) {
  if (!spendChallenge(proof.challenge, "sign-in", null, now)) return undefined;
  const used = db
    .update(passkeys)
    .set({ counter: proof.newCounter, lastUsedAt: now.toISOString() })
    .where(
      and(
        eq(passkeys.id, proof.passkeyId),
        eq(passkeys.customerId, proof.customerId),
        eq(passkeys.counter, proof.previousCounter),
      ),
    )
    .run();
  return used.changes === 1 ? proof.customerId : undefined;
}

/** Renames one of the buyer's passkeys; false when it is not theirs (or gone). Inside a transaction. */
export function renamePasskey(customerId: number, id: string, name: string) {
  return (
    db
      .update(passkeys)
      .set({ name })
      .where(and(eq(passkeys.id, id), eq(passkeys.customerId, customerId)))
      .run().changes === 1
  );
}

/** Removes one of the buyer's passkeys: it signs in no more. False when it is not theirs (or gone). */
export function removePasskey(customerId: number, id: string) {
  return (
    db
      .delete(passkeys)
      .where(and(eq(passkeys.id, id), eq(passkeys.customerId, customerId)))
      .run().changes === 1
  );
}
