// The ceiling for the benchmark: node:http answering fixed bytes from memory, in a process of
// its own (as the app server is), so it does not share an event loop with the load generator.
// Usage: node tests/bench/bare-server.mjs <file> <port>
import fs from "node:fs";
import http from "node:http";

const [file, port] = process.argv.slice(2);
const body = fs.readFileSync(file);
http
  .createServer((_, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length });
    res.end(body);
  })
  .listen(Number(port), "127.0.0.1", () => process.send?.("ready"));
