import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string) {
  return hash(password, OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string) {
  return verify(passwordHash, password).catch(() => false);
}

// Verified against when the account does not exist, so an unknown e-mail costs the same time.
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string) {
  decoy ??= hashPassword("decoy password that matches nothing");
  await verifyPassword(await decoy, password);
  return false;
}
