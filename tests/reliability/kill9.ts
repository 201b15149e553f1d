/**
 * `kill -9` in the middle of a stream of quote requests, 20 times over the same database. Every
 * request the server acknowledged (302 to its status page) must be there after the restarts,
 * whole, and the file must pass integrity_check and foreign_key_check.
 */
import { freshDatabase, integrity, productIds, requestQuote, requestsByEmail, sleep, startServer } from "./harness";
import { figure, type Figure } from "./figures";

const ROUNDS = 20;
const WRITERS = 8;

export async function killDuringWrites(): Promise<Figure[]> {
  const database = freshDatabase("kill9");
  const acknowledged: string[] = [];
  let sent = 0;
  let interrupted = 0;
  let serverErrors = 0;
  let products: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const server = await startServer(database, 3402);
    if (!products.length) products = await productIds(server.origin);
    let stop = false;
    let acknowledgedThisRound = 0;
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const email = `kill-${round}-${w}-${i}@load.example`;
        sent++;
        const outcome = await requestQuote(server.origin, {
          email,
          productId: products[i % products.length],
          quantity: 1,
        });
        if (outcome.acknowledged) {
          acknowledged.push(email);
          acknowledgedThisRound++;
        } else if (outcome.status === 0) interrupted++;
        if (outcome.steps.some((s) => s >= 500)) serverErrors++;
      }
    });
    // Kill at a different moment of the stream every round, once the stream is flowing.
    const killAt = Date.now() + 250 + ((round * 137) % 500);
    while ((Date.now() < killAt || acknowledgedThisRound < WRITERS) && Date.now() < killAt + 3000) await sleep(20);
    stop = true; // requests already sent stay in flight and are cut off by the kill
    server.child.kill("SIGKILL");
    await server.exited;
    await Promise.all(writers);
  }
  // Restart once more: the database must open (WAL recovered) and answer.
  const server = await startServer(database, 3402);
  const health = await (await fetch(`${server.origin}/healthz`)).json();
  await server.stop();
  const stored = requestsByEmail(database, acknowledged);
  const check = integrity(database);
  const t = "kill9";
  return [
    figure(
      t,
      `${ROUNDS} rounds of kill -9 under ${WRITERS} writers: acknowledged present`,
      `${stored.found}/${acknowledged.length} (${sent} sent, ${interrupted} cut off by the kill)`,
      stored.missing === 0 && acknowledged.length > 0,
    ),
    figure(
      t,
      "partly written / duplicated requests",
      `${stored.partial} / ${stored.duplicated}`,
      stored.partial === 0 && stored.duplicated === 0,
    ),
    figure(t, "5xx answers before the kills", serverErrors, serverErrors === 0),
    figure(
      t,
      "integrity_check / foreign_key_check rows",
      `${check.integrity} / ${check.foreignKeyProblems}`,
      check.integrity === "ok" && check.foreignKeyProblems === 0,
    ),
    figure(t, "/healthz after the last restart", health.status, health.status === "ok"),
  ];
}
