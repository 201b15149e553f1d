/**
 * 500 buyers, 50 at a time over loopback, each: add a product, read the form (its one-time
 * submission key), send the request. Every acknowledged request must be in the database exactly
 * once and whole; no 5xx, no busy database reaching anyone. The same run checks the request log.
 */
import {
  busyLines,
  freshDatabase,
  pool,
  productIds,
  requestQuote,
  requestsByEmail,
  startServer,
  statusCounts,
} from "./harness";
import { figure, type Figure } from "./figures";

const BUYERS = 500;
const CONNECTIONS = 50;
const TOKEN_IN_PATH = /[A-Za-z0-9_-]{43}/;

export async function concurrentQuoteRequests(): Promise<Figure[]> {
  const database = freshDatabase("concurrency");
  // Two workers, as in production on this machine: two processes writing one file.
  const server = await startServer(database, 3401, { WEB_CONCURRENCY: "2" });
  try {
    const products = await productIds(server.origin);
    const run = Date.now().toString(36);
    const buyers = Array.from({ length: BUYERS }, (_, i) => ({
      email: `buyer-${run}-${i}@load.example`,
      productId: products[i % products.length],
      quantity: (i % 7) + 1,
      readForm: true,
    }));
    const started = Date.now();
    const outcomes = await pool(buyers, CONNECTIONS, (buyer) => requestQuote(server.origin, buyer));
    const seconds = (Date.now() - started) / 1000;
    const allSteps = outcomes.flatMap((o) => o.steps);
    const serverErrors = allSteps.filter((s) => s >= 500).length;
    const failedConnections = outcomes.filter((o) => o.status === 0).length;
    const acknowledged = outcomes.filter((o) => o.acknowledged);
    const stored = requestsByEmail(
      database,
      buyers.filter((_, i) => outcomes[i].acknowledged).map((b) => b.email),
    );
    const links = new Set(acknowledged.map((o) => o.token)).size;
    await server.stop();
    const busy = busyLines([...server.stdout, ...server.stderr]);

    // The request log: one JSON line per request, nothing personal in it.
    const logLines = server.stdout.filter((line) => line.startsWith("{"));
    const entries = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const wellFormed = entries.filter(
      (e) =>
        typeof e.id === "string" &&
        typeof e.method === "string" &&
        typeof e.path === "string" &&
        typeof e.status === "number" &&
        typeof e.ms === "number",
    ).length;
    const leaking = logLines.filter(
      (line) => line.includes("@") || line.includes("?") || TOKEN_IN_PATH.test(line) || /127\.0\.0\.1|::1/.test(line),
    );
    const requestsSent = allSteps.length + 2; // plus the health check and the category page read
    // The server's other lines (start-up, notices) are JSON too: ids are counted over request lines.
    const requestLines = entries.filter((e) => typeof e.method === "string");
    const uniqueIds = new Set(requestLines.map((e) => e.id)).size;

    const t = "concurrency";
    return [
      figure(
        t,
        `${BUYERS} buyers, ${CONNECTIONS} at a time: acknowledged`,
        `${acknowledged.length}/${BUYERS} in ${seconds.toFixed(1)} s (${(allSteps.length / seconds).toFixed(0)} HTTP req/s)`,
        acknowledged.length === BUYERS,
        JSON.stringify(statusCounts(outcomes.map((o) => o.status))) +
          " " +
          (outcomes.find((o) => !o.acknowledged)?.bodyStart ?? outcomes.find((o) => o.error)?.error ?? ""),
      ),
      figure(t, "lost (acknowledged, not in DB)", stored.missing, stored.missing === 0),
      figure(t, "duplicated rows", stored.duplicated, stored.duplicated === 0),
      figure(t, "partly written requests", stored.partial, stored.partial === 0),
      figure(t, "distinct status links", links, links === acknowledged.length),
      figure(
        t,
        "5xx answers / failed connections",
        `${serverErrors} / ${failedConnections}`,
        serverErrors === 0 && failedConnections === 0,
      ),
      figure(t, "SQLITE_BUSY / locked in server output", busy.length, busy.length === 0, busy.slice(0, 3).join("\n")),
      figure(
        t,
        "request log: JSON lines with id/method/path/status/ms",
        `${wellFormed}/${requestsSent} requests, ${uniqueIds} distinct ids`,
        wellFormed >= requestsSent && uniqueIds === requestLines.length,
      ),
      figure(
        t,
        "request log lines with query, e-mail, IP or token",
        leaking.length,
        leaking.length === 0,
        leaking.slice(0, 3).join("\n"),
      ),
    ];
  } finally {
    await server.stop();
  }
}
