/**
 * A worker's memory under uploads: 8 quote requests at once, each with 5 files of 9.9 MB (about
 * 50 MB a request), against one server process (WEB_CONCURRENCY=1), first from an address that is
 * over its hourly limit, then from one that is not. Prints the worker's resident memory before,
 * its peak (sampled every 20 ms, and the kernel's high-water mark), the answers and the bytes sent
 * before each answer. Run with `npx tsx tests/bench/upload-memory.ts [port]` after `npx remix build`.
 */
import fs from "node:fs";
import { freshDatabase, productIds, readRequestForm, startServer, type Server } from "../reliability/harness";
import { streamUntilAnswered } from "../support/raw-http";

const MB = 1024 * 1024;
const REQUESTS = 8;
const FILES = 5;
const FILE_BYTES = Math.floor(9.9 * MB);
const port = Number(process.argv[2] ?? 4330);

const memory = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(status.match(new RegExp(`${name}:\\s+(\\d+) kB`))![1]);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
};

async function buyer(origin: string, productId: number) {
  const added = await fetch(`${origin}/quote`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: `intent=add&productId=${productId}&quantity=1`,
  });
  const cookie = added.headers.get("set-cookie")!.split(";")[0];
  const start = readRequestForm(await (await fetch(`${origin}/quote`, { headers: { Cookie: cookie } })).text());
  return { cookie, start: start ?? { submissionKey: "", formStartedAt: "" } };
}

/** The multipart body, made lazily so the sender holds one 1 MB chunk at a time. */
function* body(boundary: string, fields: Record<string, string>) {
  for (const [name, value] of Object.entries(fields))
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const filler = Buffer.alloc(MB, 0x20);
  for (let file = 0; file < FILES; file++) {
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="drawing-${file}.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
    );
    for (let left = FILE_BYTES - 9; left > 0; left -= MB) yield left >= MB ? filler : filler.subarray(0, left);
    yield Buffer.from("\r\n");
  }
  yield Buffer.from(`--${boundary}--\r\n`);
}

async function run(label: string, server: Server, productId: number) {
  const buyers = await Promise.all(Array.from({ length: REQUESTS }, () => buyer(server.origin, productId)));
  const pid = server.child.pid!;
  const before = memory(pid);
  let sampledPeak = before.rss;
  const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, memory(pid).rss)), 20);
  const started = Date.now();
  const answers = await Promise.all(
    buyers.map(({ cookie, start }, i) => {
      const boundary = `----upload-memory-${i}`;
      const fields = {
        intent: "submit-request",
        ...start,
        company: `Memory Co ${i}`,
        contactName: "Mo Ray",
        email: `m${i}@memory.example`,
        country: "Chile",
        website: "",
      };
      return streamUntilAnswered(
        server.origin,
        "/quote",
        { "Content-Type": `multipart/form-data; boundary=${boundary}`, Cookie: cookie },
        body(boundary, fields),
      );
    }),
  );
  clearInterval(sampler);
  const after = memory(pid);
  const statuses: Record<number, number> = {};
  for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
  const sent = answers.map((answer) => (answer.sentBytes / MB).toFixed(1));
  console.log(
    `${label}: RSS before ${before.rss.toFixed(0)} MB, peak sampled ${sampledPeak.toFixed(0)} MB, high-water mark ${after.peak.toFixed(0)} MB; ` +
      `answers ${JSON.stringify(statuses)} in ${Date.now() - started} ms; MB sent before each answer: ${sent.join(", ")}`,
  );
}

for (const [label, limit] of [
  ["over its hourly limit", "1"],
  ["within its limit", "1000000"],
] as const) {
  const database = freshDatabase(`upload-memory-${limit}`);
  const server = await startServer(database, port, { QUOTE_REQUESTS_PER_HOUR: limit });
  try {
    const [productId] = await productIds(server.origin);
    if (limit === "1") {
      // One request takes the address's only slot for the hour.
      const { cookie, start } = await buyer(server.origin, productId);
      const form = new URLSearchParams({
        intent: "submit-request",
        ...start,
        company: "First Co",
        contactName: "Fi Rst",
        email: "first@memory.example",
        country: "Chile",
        website: "",
      });
      const first = await fetch(`${server.origin}/quote`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
        body: form,
      });
      if (first.status !== 302) throw new Error(`the first request was answered ${first.status}`);
    }
    await run(`${REQUESTS} × ${((FILES * FILE_BYTES) / MB).toFixed(0)} MB from an address ${label}`, server, productId);
  } finally {
    await server.stop();
  }
}
