/**
 * SIGTERM with a slow upload in flight: the server stops taking connections, lets that request
 * finish (and write its quote request), closes the database and exits 0.
 * And a bad environment: a clear message per variable and a non-zero exit, no stack trace.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import {
  freshDatabase,
  inspect,
  productIds,
  readRequestForm,
  serverEnv,
  sleep,
  spawnServer,
  startServer,
  workDir,
} from "./harness";
import { figure, type Figure } from "./figures";
import { requestFormFields } from "../support/factories/buyers";

function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = `----reliability${crypto.randomBytes(8).toString("hex")}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const body = Buffer.concat([
    Buffer.from(parts.join("")),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function gracefulShutdown(): Promise<Figure[]> {
  // A single process, then the cluster (the primary passes SIGTERM on to its workers).
  return [...(await shutdownWithUploadInFlight("1")), ...(await shutdownWithUploadInFlight("2"))];
}

async function shutdownWithUploadInFlight(workers: string): Promise<Figure[]> {
  const database = freshDatabase(`shutdown-${workers}`);
  const server = await startServer(database, 3409, { WEB_CONCURRENCY: workers });
  const products = await productIds(server.origin);
  const added = await fetch(`${server.origin}/quote`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: `intent=add&productId=${products[0]}&quantity=3`,
  });
  const cookie = added.headers.get("set-cookie")!.split(";")[0];
  const start = readRequestForm(await (await fetch(`${server.origin}/quote`, { headers: { Cookie: cookie } })).text())!;
  const { body, contentType } = multipart(
    { ...requestFormFields({ email: "slow@load.example" }), ...start },
    { name: "drawing.pdf", bytes: Buffer.concat([Buffer.from("%PDF-1.4\n"), crypto.randomBytes(400_000)]) },
  );

  // Half the body now, the rest after SIGTERM: the request is in flight when the signal comes.
  const answer = new Promise<{ status: number; location?: string }>((resolve, reject) => {
    const request = http.request(
      `${server.origin}/quote`,
      { method: "POST", headers: { "Content-Type": contentType, "Content-Length": body.length, Cookie: cookie } },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode!, location: response.headers.location }));
      },
    );
    request.on("error", reject);
    request.write(body.subarray(0, body.length / 2));
    setTimeout(() => request.end(body.subarray(body.length / 2)), 1500);
  });
  await sleep(300);
  const signalledAt = Date.now();
  server.child.kill("SIGTERM");
  await sleep(400);
  const refused = await fetch(`${server.origin}/healthz`).then(
    () => false,
    () => true,
  );
  const result = await answer.catch((error: Error) => ({ status: 0, location: error.message }));
  const code = await server.exited;
  const exitMs = Date.now() - signalledAt;
  const stored = inspect(
    database,
    (db) =>
      db.prepare("SELECT count(*) AS n FROM quote_requests WHERE email = 'slow@load.example'").get() as { n: number },
  ).n;
  const walLeft = fs.existsSync(`${database}-wal`) ? fs.statSync(`${database}-wal`).size : 0;
  const t = `shutdown (WEB_CONCURRENCY=${workers})`;
  return [
    figure(
      t,
      "in-flight slow upload during SIGTERM: answer",
      `${result.status} ${result.location ?? ""}`.trim(),
      result.status === 302 && /^\/quotes\//.test(result.location ?? ""),
    ),
    figure(t, "its quote request stored", stored, stored === 1),
    figure(t, "new connections after SIGTERM refused", refused ? "yes" : "no", refused),
    figure(t, "exit code / time after SIGTERM", `${code} / ${exitMs} ms`, code === 0),
    figure(t, "database closed (WAL checkpointed, bytes left)", walLeft, walLeft === 0),
  ];
}

export async function invalidEnvironment(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const workers of ["1", "2"]) {
    const env = serverEnv(path.join(workDir, "env.db"), 3411, {
      WEB_CONCURRENCY: workers,
      SITE_URL: "not a url",
      QUOTE_REQUESTS_PER_HOUR: "zero",
      SMTP_URL: "http://mail.example",
    });
    const server = spawnServer(env);
    const timeout = sleep(15_000).then(() => "timeout" as const);
    const code = await Promise.race([server.exited, timeout]);
    if (code === "timeout") server.child.kill("SIGKILL");
    const output = server.stderr.join("\n");
    const named = ["SITE_URL", "QUOTE_REQUESTS_PER_HOUR", "SMTP_URL"].filter((name) => output.includes(`${name}:`));
    const stack = server.stderr.filter((line) => /^\s+at /.test(line)).length;
    figures.push(
      figure(
        "env",
        `3 bad variables, WEB_CONCURRENCY=${workers}: exit code`,
        String(code),
        typeof code === "number" && code !== 0,
      ),
      figure(
        "env",
        `  bad variables named in the message / stack lines`,
        `${named.length}/3 / ${stack}`,
        named.length === 3 && stack === 0,
        output.slice(0, 400),
      ),
    );
  }
  return figures;
}
