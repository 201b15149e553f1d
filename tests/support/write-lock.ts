import Database from "better-sqlite3";
import { afterEach } from "vitest";

/**
 * For unit tests: `hold()` takes the database's write lock from a second connection, as another
 * process would, and the lock is let go after each test.
 */
export function writeLockHolder(databasePath: string) {
  let holder: Database.Database | undefined;
  afterEach(() => {
    if (holder?.inTransaction) holder.prepare("ROLLBACK").run();
    holder?.close();
    holder = undefined;
  });
  return {
    hold() {
      holder = new Database(databasePath);
      holder.prepare("BEGIN IMMEDIATE").run();
    },
  };
}
