import { describe, expect, it } from "vitest";
import { readMultipartForm } from "./multipart.server";

const limits = { maxBytes: 64 * 1024, maxPartBytes: 16 * 1024 };
const post = (body: BodyInit, type = "multipart/form-data; boundary=B") =>
  new Request("http://test/admin/products/new", { method: "POST", headers: { "Content-Type": type }, body, duplex: "half" } as RequestInit);
const part = (name: string, value: string) => `--B\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

async function statusOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 200;
  } catch (error) {
    return error instanceof Response ? error.status : 500;
  }
}

describe("readMultipartForm", () => {
  it("reads the fields of a well-formed form", async () => {
    const read = await readMultipartForm(post(`${part("intent", "save")}${part("name", "Gauge")}--B--\r\n`), limits);
    expect(read.ok && read.form.get("name")).toBe("Gauge");
  });

  it("reports a part over its limit against its field", async () => {
    const read = await readMultipartForm(post(`${part("description", "x".repeat(20 * 1024))}--B--\r\n`), limits);
    expect(read).toMatchObject({ ok: false, field: "description" });
  });

  it("answers 400, not an error, for a body cut off half-way, without a boundary or with a part that names no field", async () => {
    expect(await statusOf(readMultipartForm(post(`--B\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsa`), limits))).toBe(400);
    expect(await statusOf(readMultipartForm(post(`${part("intent", "save")}--B--\r\n`, "multipart/form-data"), limits))).toBe(400);
    expect(await statusOf(readMultipartForm(post(`--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--\r\n`), limits))).toBe(400);
  });

  it("answers 413 for a body over the limit that declared no length, and 415 for another encoding", async () => {
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(part(`f${i}`, "y".repeat(10 * 1024))));
        controller.close();
      },
    });
    expect(await statusOf(readMultipartForm(post(chunks), limits))).toBe(413);
    expect(await statusOf(readMultipartForm(post("a=1", "application/x-www-form-urlencoded"), limits))).toBe(415);
  });
});
