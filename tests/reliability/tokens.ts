/**
 * 10,000 guessed status links (random base64url strings, most of the right length) against
 * /quotes/:token and its attachments: none may answer 200.
 */
import crypto from "node:crypto";
import { freshDatabase, pool, productIds, requestQuote, startServer, statusCounts } from "./harness";
import { figure, type Figure } from "./figures";

const GUESSES = 10_000;

export async function guessedTokens(): Promise<Figure[]> {
  const database = freshDatabase("tokens");
  const server = await startServer(database, 3408, { WEB_CONCURRENCY: "2" });
  try {
    // Some real requests exist, so a guess has something to hit.
    const products = await productIds(server.origin);
    const real = await pool(
      Array.from({ length: 20 }, (_, i) => i),
      5,
      (i) => requestQuote(server.origin, { email: `real-${i}@load.example`, productId: products[0], quantity: 1 }),
    );
    const realOk = real.filter((r) => r.acknowledged && r.token);
    const realStatus = (await fetch(`${server.origin}/quotes/${realOk[0].token}`, { method: "HEAD" })).status;
    const guesses = Array.from({ length: GUESSES }, (_, i) => {
      const token = crypto.randomBytes(i % 10 === 0 ? 24 : 32).toString("base64url"); // 1 in 10 of a wrong length
      if (i % 50 === 0) return `/quotes/${token}/attachments/1`;
      return i % 10 === 5 ? `/orders/${token}` : `/quotes/${token}`; // order links are private too
    });
    const started = Date.now();
    const statuses = await pool(guesses, 20, async (url) => {
      const response = await fetch(`${server.origin}${url}`, { method: "HEAD", redirect: "manual" });
      await response.arrayBuffer();
      return response.status;
    });
    const seconds = (Date.now() - started) / 1000;
    const hits = statuses.filter((s) => s === 200).length;
    await server.stop();
    // Guessed or real, no link token may reach the request log.
    const leaking = server.stdout.filter((line) => line.startsWith("{") && /\/(quotes|orders)\/(?!:token)/.test(line));
    const logged = server.stdout.filter(
      (line) => line.includes('"/quotes/:token') || line.includes('"/orders/:token'),
    ).length;
    const serverErrors = statuses.filter((s) => s >= 500).length;
    const t = "tokens";
    return [
      figure(t, "a real status link answers (control)", realStatus, realStatus === 200),
      figure(
        t,
        `${GUESSES} guessed links: answered 200`,
        `${hits} (${(GUESSES / seconds).toFixed(0)} guesses/s, ${JSON.stringify(statusCounts(statuses))})`,
        hits === 0 && serverErrors === 0,
      ),
      figure(
        t,
        "log lines with a link token (of ≥ 10,000 redacted)",
        `${leaking.length} (${logged} redacted)`,
        leaking.length === 0 && logged >= GUESSES,
        leaking.slice(0, 2).join("\n"),
      ),
    ];
  } finally {
    await server.stop();
  }
}
