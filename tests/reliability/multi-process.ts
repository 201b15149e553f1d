/**
 * Three separate `node build/server/index.js` processes (one worker each) on three ports, one database file,
 * taking quote requests at once: every acknowledged request present once, no busy error to anyone.
 */
import {
  busyLines,
  freshDatabase,
  integrity,
  pool,
  productIds,
  requestQuote,
  requestsByEmail,
  startServer,
  statusCounts,
} from "./harness";
import { figure, type Figure } from "./figures";

const PROCESSES = 3;
const BUYERS = 300;
const CONNECTIONS = 30;

export async function severalProcesses(): Promise<Figure[]> {
  const database = freshDatabase("multi");
  const servers = await Promise.all(Array.from({ length: PROCESSES }, (_, i) => startServer(database, 3403 + i)));
  try {
    const products = await productIds(servers[0].origin);
    const buyers = Array.from({ length: BUYERS }, (_, i) => ({
      email: `multi-${i}@load.example`,
      productId: products[i % products.length],
      quantity: 2,
    }));
    const started = Date.now();
    const outcomes = await pool(buyers, CONNECTIONS, (buyer, i) => requestQuote(servers[i % PROCESSES].origin, buyer));
    const seconds = (Date.now() - started) / 1000;
    await Promise.all(servers.map((s) => s.stop()));
    const acknowledged = buyers.filter((_, i) => outcomes[i].acknowledged).map((b) => b.email);
    const stored = requestsByEmail(database, acknowledged);
    const serverErrors = outcomes.flatMap((o) => o.steps).filter((s) => s >= 500).length;
    const busy = busyLines(servers.flatMap((s) => [...s.stdout, ...s.stderr]));
    const check = integrity(database);
    const t = "multi-process";
    return [
      figure(
        t,
        `${PROCESSES} processes, ${BUYERS} buyers, ${CONNECTIONS} at a time: acknowledged`,
        `${acknowledged.length}/${BUYERS} in ${seconds.toFixed(1)} s`,
        acknowledged.length === BUYERS,
        JSON.stringify(statusCounts(outcomes.map((o) => o.status))),
      ),
      figure(
        t,
        "lost / duplicated / partly written",
        `${stored.missing} / ${stored.duplicated} / ${stored.partial}`,
        stored.missing === 0 && stored.duplicated === 0 && stored.partial === 0,
      ),
      figure(t, "5xx answers", serverErrors, serverErrors === 0),
      figure(t, "SQLITE_BUSY / locked in server output", busy.length, busy.length === 0, busy.slice(0, 3).join("\n")),
      figure(t, "integrity_check", check.integrity, check.integrity === "ok"),
    ];
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
