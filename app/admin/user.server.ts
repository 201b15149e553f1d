import { and, asc, eq, gt, inArray, isNull, lt } from "drizzle-orm";
import { customers, sessions, users, type Role } from "~db/schema";
import { buyerEmailOf, describeActor, salesEmailOf } from "./actors";
import { db, writeTransaction } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "./password.server";
import { rateLimitEventTimes, recordRateLimitEvent } from "~/lib/rate-limit.server";
import { secondsToWait, signInCounters, SIGN_IN_WINDOW_SECONDS } from "./sign-in-throttle";
import { createToken, hashToken } from "~/lib/tokens.server";

export type SessionUser = { id: number; email: string; name: string; role: Role };

export const SESSION_HOURS = 12;

const normalizeEmail = (email: string) => email.trim().toLowerCase();

type NewUser = { email: string; name: string; role: Role; password: string };

/**
 * Adds a back-office user. An e-mail already in use, in any case, is refused at the e-mail field
 * and that user is left as it is: the insert itself checks (the unique e-mail index), so two
 * requests for the same e-mail cannot both succeed.
 */
export async function createUser({
  email,
  name,
  role,
  password,
}: NewUser): Promise<{ ok: true; id: number } | { ok: false; errors: { email: string } }> {
  const passwordHash = await hashPassword(password);
  const created = db
    .insert(users)
    .values({ email: normalizeEmail(email), name, role, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id })
    .get();
  return created
    ? { ok: true, id: created.id }
    : { ok: false, errors: { email: "There is already a user with this e-mail address" } };
}

/**
 * `npm run admin:create`: adds a user, or gives the one with this e-mail a new name, role and
 * password, enables it and signs it out everywhere.
 */
export async function createOrResetUser({ email, name, role, password }: NewUser) {
  const passwordHash = await hashPassword(password);
  return writeTransaction(() => {
    const user = db
      .insert(users)
      .values({ email: normalizeEmail(email), name, role, passwordHash })
      .onConflictDoUpdate({ target: users.email, set: { name, role, passwordHash, disabledAt: null } })
      .returning({ id: users.id })
      .get()!;
    db.delete(sessions).where(eq(sessions.userId, user.id)).run();
    return user;
  });
}

/** A new password signs the user out everywhere. False: there is no such user. */
export async function resetPassword(userId: number, password: string) {
  const passwordHash = await hashPassword(password);
  return writeTransaction(() => {
    const changed = db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run().changes === 1;
    db.delete(sessions).where(eq(sessions.userId, userId)).run();
    return changed;
  });
}

export function listUsers() {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .orderBy(asc(users.email))
    .all();
}

/**
 * Who acted on each of these quote or order events, by name (`describeActor`): `contact` is the
 * request's or order's, as written there.
 */
export function actorNames(
  actors: readonly string[],
  contact: { contactName: string; email: string },
): Record<string, string> {
  const salesEmails = [...new Set(actors.flatMap((actor) => salesEmailOf(actor) ?? []))];
  const buyerEmails = [...new Set(actors.flatMap((actor) => buyerEmailOf(actor)?.toLowerCase() ?? []))];
  const sales = salesEmails.length
    ? db.select({ email: users.email, name: users.name }).from(users).where(inArray(users.email, salesEmails)).all()
    : [];
  const buyers = buyerEmails.length
    ? db
        .select({ email: customers.email, name: customers.name })
        .from(customers)
        .where(inArray(customers.email, buyerEmails))
        .all()
    : [];
  const names = {
    buyerName: contact.contactName,
    buyerEmail: contact.email,
    buyerNames: new Map(buyers.map((row) => [row.email, row.name])),
    salesNames: new Map(sales.map((row) => [row.email, row.name])),
  };
  return Object.fromEntries(actors.map((actor) => [actor, describeActor(actor, names)]));
}

/** Disabling signs the user out everywhere. */
export function setUserDisabled(userId: number, disabled: boolean) {
  writeTransaction(() => {
    db.update(users)
      .set({ disabledAt: disabled ? new Date().toISOString() : null })
      .where(eq(users.id, userId))
      .run();
    if (disabled) db.delete(sessions).where(eq(sessions.userId, userId)).run();
  });
}

type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** Who is signing in: the client's address and, from its known-device cookie, the device and the accounts it signed in to before. */
export type SignInClient = { address: string; knownDevice?: { id: string; userIds: readonly number[] } };

/**
 * Failed attempts are counted in the database so every worker shares them, on the counters
 * `signInCounters` picks (ADR 14): a device that signed in to this account before only on its
 * own, any other per account and address, per address and per account. While one of them
 * makes the client wait the answer is "throttled" whether or not the password is right; an
 * unknown e-mail and a wrong password give the same answer after the same work.
 */
export async function verifySignIn(
  email: string,
  password: string,
  { address, knownDevice }: SignInClient,
  now = new Date(),
): Promise<SignInResult> {
  const account = normalizeEmail(email);
  const user = db
    .select()
    .from(users)
    .where(and(eq(users.email, account), isNull(users.disabledAt)))
    .get();
  const known = user && knownDevice?.userIds.includes(user.id) ? `${knownDevice.id} ${user.id}` : undefined;
  const counters = signInCounters({ account, address, knownDevice: known }, env.LOGIN_ATTEMPTS_PER_15_MIN);
  const retryAfterSeconds = Math.max(
    ...counters.map(({ action, key, rule }) =>
      secondsToWait(rateLimitEventTimes(action, key, SIGN_IN_WINDOW_SECONDS, now), now.getTime(), rule),
    ),
  );
  if (retryAfterSeconds > 0) return { ok: false, reason: "throttled", retryAfterSeconds };
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDecoy(password);
  if (!user || !valid) {
    writeTransaction(() =>
      counters.forEach(({ action, key }) =>
        recordRateLimitEvent(action, key, { windowSeconds: SIGN_IN_WINDOW_SECONDS }, now),
      ),
    );
    return { ok: false, reason: "invalid" };
  }
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

/**
 * A new session for a signed-in user. The previous session of this browser, if any, is
 * deleted: the token changes at every sign-in. Expired sessions are swept on the way.
 */
export function startSession(userId: number, previousToken: string | undefined) {
  const token = createToken();
  const now = new Date();
  writeTransaction(() => {
    if (previousToken)
      db.delete(sessions)
        .where(eq(sessions.tokenHash, hashToken(previousToken)))
        .run();
    db.delete(sessions).where(lt(sessions.expiresAt, now.toISOString())).run();
    db.insert(sessions)
      .values({
        tokenHash: hashToken(token),
        userId,
        expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
      })
      .run();
  });
  return token;
}

export function endSession(token: string) {
  db.delete(sessions)
    .where(eq(sessions.tokenHash, hashToken(token)))
    .run();
}

export function findSessionUser(token: string): SessionUser | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, hashToken(token)),
        gt(sessions.expiresAt, new Date().toISOString()),
        isNull(users.disabledAt),
      ),
    )
    .get();
}
