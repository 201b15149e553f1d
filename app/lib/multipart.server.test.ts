import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { discardReceived, INCOMING_DIR, readMultipart } from "./multipart.server";

const KB = 1024;
const limits = {
  maxBytes: 256 * KB,
  maxFileBytes: 64 * KB,
  maxFieldBytes: 16 * KB,
  fileFields: ["drawing"],
  maxFiles: 2,
};
const incoming = () => (fs.existsSync(INCOMING_DIR) ? fs.readdirSync(INCOMING_DIR) : []);

/** A form as a browser sends it: the multipart body and its boundary made by `Request` itself. */
function formRequest(fill: (form: FormData) => void) {
  const form = new FormData();
  fill(form);
  return new Request("http://test/form", { method: "POST", body: form });
}

/** A body sent in pieces with no Content-Length, as a chunked upload is. */
function streamedRequest(body: string, type = "multipart/form-data; boundary=B") {
  const chunks = [...body.matchAll(/[\s\S]{1,4096}/g)].map(([chunk]) => new TextEncoder().encode(chunk));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks.shift();
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return new Request("http://test/form", {
    method: "POST",
    headers: { "Content-Type": type },
    body: stream,
    duplex: "half",
  } as RequestInit);
}
const part = (name: string, value: string) =>
  `--B\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

describe("readMultipart", () => {
  it("writes a file to disk under a random name and reads the text fields", async () => {
    const before = incoming().length;
    const bytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(40 * KB, 0x20)]);
    const read = await readMultipart(
      formRequest((form) => {
        form.append("company", "Acme");
        form.append("drawing", new File([bytes], "layout.pdf", { type: "application/pdf" }));
      }),
      limits,
    );
    if (!read.ok) throw new Error(`refused: ${read.problem}`);
    expect(read.fields).toEqual({ company: "Acme" });
    expect(read.files).toHaveLength(1);
    const [file] = read.files;
    expect(file).toMatchObject({ field: "drawing", name: "layout.pdf", sizeBytes: bytes.byteLength });
    expect(file.path.startsWith(INCOMING_DIR)).toBe(true);
    expect(file.path).toMatch(/[0-9a-f]{32}\.part$/);
    expect(fs.readFileSync(file.path).equals(bytes)).toBe(true);
    expect(file.head.toString("latin1")).toMatch(/^%PDF-1\.7\n/);
    discardReceived(read.files);
    expect(incoming().length).toBe(before);
  });

  it("refuses a file over its limit and removes the files written before it", async () => {
    const before = incoming().length;
    const read = await readMultipart(
      formRequest((form) => {
        form.append("company", "Acme");
        form.append("drawing", new File([Buffer.alloc(10 * KB, 0x61)], "small.pdf"));
        form.append("drawing", new File([Buffer.alloc(100 * KB, 0x61)], "big.pdf"));
      }),
      limits,
    );
    expect(read).toMatchObject({ ok: false, status: 413, problem: "file", fields: { company: "Acme" } });
    expect(incoming().length).toBe(before);
  });

  it("writes a file's bytes to disk while the rest of the body is still on its way", async () => {
    const before = new Set(incoming());
    const encoder = new TextEncoder();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(part("company", "Acme")));
        controller.enqueue(
          encoder.encode('--B\r\nContent-Disposition: form-data; name="drawing"; filename="a.pdf"\r\n\r\n%PDF-1.7\n'),
        );
        controller.enqueue(new Uint8Array(32 * KB).fill(0x20));
        await held; // the rest of the file comes only once its start is on disk
        controller.enqueue(new Uint8Array(8 * KB).fill(0x20));
        controller.enqueue(encoder.encode("\r\n--B--\r\n"));
        controller.close();
      },
    });
    const request = new Request("http://test/form", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=B" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const reading = readMultipart(request, limits);
    const written = () =>
      incoming()
        .filter((name) => !before.has(name))
        .some((name) => fs.statSync(`${INCOMING_DIR}/${name}`).size > 0);
    for (let waited = 0; !written() && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    const onDiskBeforeTheEnd = written();
    release();
    const read = await reading;
    expect(onDiskBeforeTheEnd).toBe(true);
    if (!read.ok) throw new Error(`refused: ${read.problem}`);
    expect(read.files[0].sizeBytes).toBe(9 + 40 * KB);
    discardReceived(read.files);
  });

  it("reads past files in other fields and counts, without keeping, those past the most it takes", async () => {
    const before = incoming().length;
    const read = await readMultipart(
      formRequest((form) => {
        form.append("other", new File(["x"], "x.pdf"));
        for (const name of ["a.pdf", "b.pdf", "c.pdf"]) form.append("drawing", new File(["%PDF-"], name));
        form.append("drawing", new File([], "")); // an empty file input
      }),
      limits,
    );
    if (!read.ok) throw new Error(`refused: ${read.problem}`);
    expect(read.files.map((file) => file.name)).toEqual(["a.pdf", "b.pdf"]);
    expect(read.filesPastLimit).toBe(1);
    discardReceived(read.files);
    expect(incoming().length).toBe(before);
  });

  it("keeps no empty file, and names it so the form can say it was empty", async () => {
    const before = incoming().length;
    const read = await readMultipart(
      formRequest((form) => {
        form.append("drawing", new File([], "blank.pdf"));
        form.append("drawing", new File([], "")); // an empty file input
      }),
      limits,
    );
    if (!read.ok) throw new Error(`refused: ${read.problem}`);
    expect(read.files).toEqual([]);
    expect(read.emptyFiles).toEqual([{ field: "drawing", name: "blank.pdf" }]);
    expect(incoming().length).toBe(before);
  });

  it("refuses a text field over its limit by name, keeping what was typed before it and the start of it", async () => {
    // 16 KB fall inside the third byte of a euro sign: the start kept ends before it, whole.
    const text = "ab" + "€".repeat(8 * KB);
    const read = await readMultipart(
      formRequest((form) => {
        form.append("intent", "save");
        form.append("description", text);
        form.append("after", "never read");
      }),
      limits,
    );
    expect(read).toMatchObject({ ok: false, status: 413, problem: "field", tooLong: "description" });
    if (read.ok) return;
    expect(Object.keys(read.fields)).toEqual(["intent", "description"]);
    expect(read.fields.description).toBe(text.slice(0, 2 + Math.floor((16 * KB - 2) / 3)));
  });

  it("names no field when the one over its limit repeats a name already read: what is kept is the first", async () => {
    const read = await readMultipart(
      formRequest((form) => {
        form.append("name", "Test");
        form.append("name", "z".repeat(20 * KB));
      }),
      limits,
    );
    expect(read).toMatchObject({ ok: false, problem: "field", fields: { name: "Test" } });
    expect(read.ok || read.tooLong).toBeUndefined();
  });

  it("refuses a url-encoded field over its limit the same way", async () => {
    const body = new URLSearchParams({ intent: "save", description: "y".repeat(16 * KB + 1) });
    const read = await readMultipart(
      new Request("http://localhost/", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body,
      }),
      limits,
    );
    expect(read).toMatchObject({ ok: false, problem: "field", tooLong: "description" });
    if (!read.ok) expect(read.fields.description).toBe("y".repeat(16 * KB));
  });

  it("refuses a body over the limit that declared no length, and leaves nothing on disk", async () => {
    const before = incoming().length;
    const file = `--B\r\nContent-Disposition: form-data; name="drawing"; filename="a.pdf"\r\n\r\n${"y".repeat(60 * KB)}\r\n`;
    const read = await readMultipart(streamedRequest(`${file}${file}${file}${file}${file}--B--\r\n`), {
      ...limits,
      maxFiles: 5,
    });
    expect(read).toMatchObject({ ok: false, status: 413, problem: "body" });
    expect(incoming().length).toBe(before);
  });

  it("answers unreadable for a body cut off half-way or without a boundary, and reads a url-encoded form", async () => {
    const cutOff = await readMultipart(streamedRequest(`${part("intent", "save")}--B\r\nContent-Dispo`), limits);
    expect(cutOff).toMatchObject({ ok: false, status: 400, problem: "unreadable" });
    const noBoundary = await readMultipart(
      streamedRequest(`${part("intent", "save")}--B--\r\n`, "multipart/form-data"),
      limits,
    );
    expect(noBoundary).toMatchObject({ ok: false, status: 400, problem: "unreadable" });
    const urlEncoded = await readMultipart(
      streamedRequest("intent=save&name=Gauge", "application/x-www-form-urlencoded"),
      limits,
    );
    expect(urlEncoded).toMatchObject({ ok: true, fields: { intent: "save", name: "Gauge" }, files: [] });
  });
});
