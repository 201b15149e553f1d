// The ceiling for the benchmark: node:http answering fixed bytes from memory, as a cluster of as
// many workers as the app server runs (WEB_CONCURRENCY, else one per core), in processes of its
// own, so it does not share an event loop with the load generator. The primary says "ready" once
// every worker listens, and its workers leave with it.
// Usage: node tests/bench/bare-server.mjs <file> <port>
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";

const [file, port] = process.argv.slice(2);
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism()));
if (cluster.isPrimary) {
  let listening = 0;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("listening", () => ++listening === workers && process.send?.("ready"));
} else {
  const body = fs.readFileSync(file);
  http
    .createServer((_, res) => {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length });
      res.end(body);
    })
    .listen(Number(port), "127.0.0.1");
}
