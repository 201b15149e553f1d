import { describe, expect, it } from "vitest";
import { readMultipartForm } from "./multipart.server";
import { limitBody, readForm } from "./request-body.server";

const post = (body: BodyInit, type = "application/x-www-form-urlencoded") =>
  new Request("http://test/quote", { method: "POST", headers: { "Content-Type": type }, body, duplex: "half" } as RequestInit);

async function statusOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 200;
  } catch (error) {
    return error instanceof Response ? error.status : 500;
  }
}

describe("readForm", () => {
  it("reads a url-encoded form", async () => {
    expect((await readForm(post("intent=add&quantity=2"))).get("quantity")).toBe("2");
  });

  it("refuses bytes that are not UTF-8 (they would be stored as replacement marks)", async () => {
    const body = Buffer.concat([Buffer.from("note="), Buffer.from([0xc0, 0xaf, 0xff])]);
    expect(await statusOf(readForm(post(body)))).toBe(400);
  });

  it("refuses other encodings and bodies over the limit, even without a Content-Length", async () => {
    expect(await statusOf(readForm(post("{}", "application/json")))).toBe(415);
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 100; i++) controller.enqueue(new Uint8Array(1024).fill(0x61));
        controller.close();
      },
    });
    expect(await statusOf(readForm(post(chunked), 64 * 1024))).toBe(413);
  });
});

describe("limitBody", () => {
  it("passes a body within the limit and breaks one over it off, saying so", async () => {
    const small = limitBody(post("a".repeat(100)), 1000);
    expect(await small.request.text()).toHaveLength(100);
    expect(small.exceeded()).toBe(false);
    const large = limitBody(post("a".repeat(5000)), 1000);
    await expect(large.request.text()).rejects.toThrow();
    expect(large.exceeded()).toBe(true);
  });
});

const limits = { maxBytes: 64 * 1024, maxPartBytes: 16 * 1024 };
const postMultipart = (body: BodyInit, type = "multipart/form-data; boundary=B") =>
  new Request("http://test/admin/products/new", { method: "POST", headers: { "Content-Type": type }, body, duplex: "half" } as RequestInit);
const part = (name: string, value: string) => `--B\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

describe("readMultipartForm", () => {
  it("reads the fields of a well-formed form", async () => {
    const read = await readMultipartForm(postMultipart(`${part("intent", "save")}${part("name", "Gauge")}--B--\r\n`), limits);
    expect(read.ok && read.form.get("name")).toBe("Gauge");
  });

  it("reports a part over its limit against its field", async () => {
    const read = await readMultipartForm(postMultipart(`${part("description", "x".repeat(20 * 1024))}--B--\r\n`), limits);
    expect(read).toMatchObject({ ok: false, field: "description" });
  });

  it("answers 400, not an error, for a body cut off half-way, without a boundary or with a part that names no field", async () => {
    expect(await statusOf(readMultipartForm(postMultipart(`--B\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsa`), limits))).toBe(400);
    expect(await statusOf(readMultipartForm(postMultipart(`${part("intent", "save")}--B--\r\n`, "multipart/form-data"), limits))).toBe(400);
    expect(await statusOf(readMultipartForm(postMultipart(`--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--\r\n`), limits))).toBe(400);
  });

  it("answers 413 for a body over the limit that declared no length, and 415 for another encoding", async () => {
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(part(`f${i}`, "y".repeat(10 * 1024))));
        controller.close();
      },
    });
    expect(await statusOf(readMultipartForm(postMultipart(chunks), limits))).toBe(413);
    expect(await statusOf(readMultipartForm(postMultipart("a=1", "application/x-www-form-urlencoded"), limits))).toBe(415);
  });
});
