import { sqlite } from "~/lib/db.server";

/** Liveness with a real read of the database, for load balancers and uptime checks. */
export async function loader() {
  try {
    sqlite.prepare("SELECT count(*) FROM categories").get();
    return new Response("ok", { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("healthz: database check failed", error);
    return new Response("database unavailable", { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
