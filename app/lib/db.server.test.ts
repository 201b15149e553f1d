import { describe, expect, it } from "vitest";
import { sqlite, writeTransaction } from "./db.server";
import { env } from "./env.server";
import { writeLockHolder } from "../../tests/support/write-lock";

const writeLock = writeLockHolder(env.DATABASE_PATH);

describe("writeTransaction", () => {
  it("answers a writer that cannot get the write lock with 503 and a message, not an error", async () => {
    writeLock.hold();
    let thrown: unknown;
    try {
      writeTransaction(() => sqlite.prepare("UPDATE catalog_meta SET value = value WHERE key = 'news_version'").run());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("2");
    expect(await response.text()).toBe("The site is busy, try again in a moment.");
    expect(sqlite.inTransaction).toBe(false);
  }, 4_000);

  it("commits once the lock is free again", () => {
    expect(writeTransaction(() => sqlite.prepare("SELECT 1 AS one").get())).toEqual({ one: 1 });
  });
});
