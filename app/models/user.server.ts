import { and, asc, eq, gt, isNull, lt } from "drizzle-orm";
import { sessions, users, type Role } from "../../db/schema";
import { db, writeTransaction } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "~/lib/password.server";
import { rateLimitExceeded, recordRateLimitEvent } from "~/lib/rate-limit.server";
import { createToken, hashToken } from "~/lib/tokens.server";

export type SessionUser = { id: number; email: string; name: string; role: Role };

export const SESSION_HOURS = 12;
const THROTTLE_WINDOW_SECONDS = 15 * 60;

const normalizeEmail = (email: string) => email.trim().toLowerCase();

type NewUser = { email: string; name: string; role: Role; password: string };

/**
 * Adds a back-office user. An e-mail already in use, in any case, is refused at the e-mail field
 * and that user is left as it is: the insert itself checks (the unique e-mail index), so two
 * requests for the same e-mail cannot both succeed.
 */
export async function createUser({ email, name, role, password }: NewUser): Promise<{ ok: true; id: number } | { ok: false; errors: { email: string } }> {
  const passwordHash = await hashPassword(password);
  const created = db
    .insert(users)
    .values({ email: normalizeEmail(email), name, role, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id })
    .get();
  return created ? { ok: true, id: created.id } : { ok: false, errors: { email: "There is already a user with this e-mail address" } };
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
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabledAt: users.disabledAt, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.email))
    .all();
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

type SignInResult = { ok: true; user: SessionUser } | { ok: false; reason: "invalid" | "throttled" };

/**
 * Failed attempts are counted per account and per address, in the database so every worker
 * shares them. Over either limit the answer is "throttled" whether or not the password is right;
 * an unknown e-mail and a wrong password give the same answer after the same work.
 */
export async function verifySignIn(email: string, password: string, clientIp: string): Promise<SignInResult> {
  const account = normalizeEmail(email);
  const limit = { limit: env.LOGIN_ATTEMPTS_PER_15_MIN, windowSeconds: THROTTLE_WINDOW_SECONDS };
  const keys = [
    ["sign-in-failure-account", account],
    ["sign-in-failure-ip", clientIp],
  ] as const;
  if (keys.some(([action, key]) => rateLimitExceeded(action, key, limit))) return { ok: false, reason: "throttled" };
  const user = db.select().from(users).where(and(eq(users.email, account), isNull(users.disabledAt))).get();
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDecoy(password);
  if (!user || !valid) {
    writeTransaction(() => keys.forEach(([action, key]) => recordRateLimitEvent(action, key, limit)));
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
    if (previousToken) db.delete(sessions).where(eq(sessions.tokenHash, hashToken(previousToken))).run();
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
  db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token))).run();
}

export function findSessionUser(token: string): SessionUser | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, new Date().toISOString()), isNull(users.disabledAt)))
    .get();
}
