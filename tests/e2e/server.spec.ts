/**
 * What the server itself answers before any route: methods it does not take, clients too slow
 * to send a request, and its log. Against a server of this spec's own (port E2E_PORT + 5, its
 * own database, NODE_ENV=production on plain http), whose stdout and stderr the tests read.
 */
import fs from "node:fs";
import { once } from "node:events";
import net from "node:net";
import { expect, test } from "../support/test";
import { freshDatabase, startServer, workDir, type Server } from "../reliability/harness";
import { rawRequest } from "../support/raw-http";

const OWN_PORT = Number(process.env.E2E_PORT ?? 3210) + 5;

/** Writes `text` on a fresh connection, sends no more, and resolves with what came back once the server closes it. */
function sendAndWaitForClose(port: number, text: string) {
  return new Promise<string>((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(text));
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

test.describe("the server", () => {
  test.describe.configure({ mode: "serial" });
  let server: Server;
  let productId: number;

  test.beforeAll(async () => {
    test.setTimeout(60_000);
    server = await startServer(freshDatabase(`server-${OWN_PORT}`), OWN_PORT);
    const html = await (await fetch(`${server.origin}/categories/pressure-gauges`)).text();
    productId = Number(html.match(/name="productId" value="(\d+)"/)![1]);
  });
  test.afterAll(async () => {
    await server?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  test("methods other than GET, HEAD and POST are answered 405 with Allow, and none is logged as an error", async () => {
    const errorsBefore = server.stderr.length;
    for (const method of ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"]) {
      for (const target of [
        "/",
        "/quote",
        "/categories/pressure-gauges",
        "/favicon.ico",
        "/admin/users",
        "/webhooks/stripe",
      ]) {
        const response = await rawRequest(server.origin, target, { method });
        expect(response.status, `${method} ${target}`).toBe(405);
        expect(response.headers.allow, `${method} ${target}`).toBe("GET, HEAD, POST");
        expect(response.body.toString()).toBe("This method is not allowed here.");
      }
    }
    // CONNECT, a proxy's method, is answered the same way rather than dropped.
    const connect = await sendAndWaitForClose(
      server.port,
      "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
    );
    expect(connect).toMatch(/^HTTP\/1\.1 405 /);
    expect(connect).toContain("Allow: GET, HEAD, POST");
    expect(server.stderr.slice(errorsBefore)).toEqual([]);
  });

  test("data requests of Remix before single fetch (?_data=) are no page: 404, never an empty page a cache could keep", async () => {
    for (const target of [
      "/?_data=root",
      "/?_data=routes/admin",
      "/categories/pressure-gauges?page=2&_data",
      "/cart?x=1&_data=root",
    ]) {
      const response = await rawRequest(server.origin, target);
      expect(response.status, target).toBe(404);
      expect(response.headers["cache-control"], target).toBeUndefined();
    }
    // A query that only looks alike is a page.
    expect((await rawRequest(server.origin, "/search?q=_data")).status).toBe(200);
  });

  test("every line the server writes is one JSON object, for bad %-escapes in the path too", async () => {
    const targets = [
      "/products/%E0%A4%A",
      "/news/%C0",
      "/categories/%",
      "/products/%ZZ.data",
      "/quotes/%ZZ",
      "/%ZZ",
      "/search?q=%E0%A4%A",
      "/nowhere",
    ];
    let lastId = "";
    for (const target of targets) {
      const response = await rawRequest(server.origin, target);
      expect(response.status, target).toBeLessThan(500);
      lastId = String(response.headers["x-request-id"]);
    }
    const trace = await rawRequest(server.origin, "/", { method: "TRACE" });
    lastId = String(trace.headers["x-request-id"]);
    // Request lines are written in batches: wait for the last one.
    await expect.poll(() => server.stdout.some((line) => line.includes(lastId))).toBe(true);
    const notJson = [...server.stdout, ...server.stderr].filter((line) => {
      try {
        const parsed: unknown = JSON.parse(line);
        return typeof parsed !== "object" || parsed === null || Array.isArray(parsed);
      } catch {
        return true;
      }
    });
    expect(notJson).toEqual([]);
  });

  test("a client whose headers or body stop coming is disconnected long before Node's default of 300 s", async () => {
    test.setTimeout(45_000);
    const form = "intent=add&productId=1&quantity=1";
    const [headers, body] = await Promise.all([
      sendAndWaitForClose(server.port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "),
      sendAndWaitForClose(
        server.port,
        `POST /cart HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${form.length + 100}\r\n\r\n${form}`,
      ),
    ]);
    expect(headers).toMatch(/^(HTTP\/1\.1 408|$)/);
    expect(body).not.toContain("HTTP/1.1 2");
    // A chunked body trickled a byte at a time (its deadline would be the largest upload's, 27
    // minutes) is dropped once it falls behind the slowest honest link.
    const started = Date.now();
    const trickled = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(server.port, "127.0.0.1", () =>
        socket.write(
          "POST /cart HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n",
        ),
      );
      const trickle = setInterval(() => socket.writable && socket.write("1\r\nx\r\n"), 500);
      let answer = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => (answer += chunk));
      socket.on("close", () => {
        clearInterval(trickle);
        resolve(answer);
      });
      socket.on("error", () => undefined);
      setTimeout(() => reject(new Error("still open after 30 s")), 30_000).unref();
    });
    expect(trickled).not.toContain("HTTP/1.1 2");
    expect(Date.now() - started).toBeLessThan(20_000);
    // The server is fine afterwards.
    expect((await rawRequest(server.origin, "/healthz")).status).toBe(200);
  });

  test("an upload refused for its size gets its whole answer: the rest of its body is read and dropped, then the connection closes", async () => {
    test.setTimeout(45_000);
    // allowHalfOpen: like a browser mid-upload, the client goes on sending after the answer's end.
    const socket = net.connect({ port: server.port, host: "127.0.0.1", allowHalfOpen: true });
    const received: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    const closed = new Promise<boolean>((resolve) => socket.on("close", resolve));
    const failures: string[] = [];
    socket.on("error", (error) => failures.push(error.message));
    await new Promise((resolve) => socket.once("connect", resolve));
    const MB = 1024 * 1024;
    socket.write(
      `POST /cart HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${64 * MB}\r\n\r\nnote=`,
    );
    // Refused for its declared size before a byte is read, yet 16 MB more go out without a reset.
    let sent = 0;
    for (; sent < 16 * MB && failures.length === 0; sent += MB) {
      if (!socket.write(Buffer.alloc(MB, 0x78))) await Promise.race([once(socket, "drain"), closed]);
    }
    expect(failures).toEqual([]);
    expect(sent).toBe(16 * MB);
    // The whole answer: its chunks through the last, empty one.
    await expect.poll(() => Buffer.concat(received).toString()).toMatch(/\r\n0\r\n\r\n$/);
    const answer = Buffer.concat(received).toString();
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.toLowerCase()).toContain("connection: close");
    expect(answer.toLowerCase()).toContain("transfer-encoding: chunked");
    // One that goes on sending is cut off once the lingering time is over.
    const trickle = setInterval(() => socket.write("x"), 250);
    expect(await closed).toBe(true);
    clearInterval(trickle);
    expect(failures.join()).toMatch(/ECONNRESET|EPIPE/);
  });

  test("on plain http in production, the cart and quote-list cookies are not Secure, so browsers send them back", async () => {
    for (const target of ["/cart", "/quote"]) {
      const added = await rawRequest(server.origin, target, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: `intent=add&productId=${productId}&quantity=1`,
      });
      const setCookie = String(added.headers["set-cookie"]);
      expect(setCookie, target).toMatch(/HttpOnly/i);
      expect(setCookie, target).not.toMatch(/;\s*Secure/i);
    }
  });
});
