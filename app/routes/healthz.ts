import { sqlite, withBusyTimeout } from "~/lib/db.server";

const headers = { "Cache-Control": "no-store" };

/** How long the probe waits for the write lock: a check must answer within a second, busy or not. */
export const HEALTH_LOCK_WAIT_MS = 200;

/**
 * Liveness with a real round trip to the database, for load balancers and uptime checks: a read
 * of the catalog, and the write lock taken and given back (an IMMEDIATE transaction rolled back
 * writes nothing), which fails when the file is read-only or another writer holds the lock for
 * longer than HEALTH_LOCK_WAIT_MS (503, `write: false`) rather than waiting with the requests.
 */
export async function loader() {
  const started = performance.now();
  const database = { read: false, write: false };
  try {
    sqlite.prepare("SELECT count(*) FROM categories").get();
    database.read = true;
    withBusyTimeout(HEALTH_LOCK_WAIT_MS, () => sqlite.prepare("BEGIN IMMEDIATE").run());
    sqlite.prepare("ROLLBACK").run();
    database.write = true;
    const ms = Math.round((performance.now() - started) * 10) / 10;
    return Response.json({ status: "ok", database, ms }, { headers });
  } catch (error) {
    console.error(
      JSON.stringify({
        event: "healthz_failed",
        database,
        message: error instanceof Error ? error.message : String(error),
      }),
    );
    return Response.json({ status: "unavailable", database }, { status: 503, headers });
  }
}
