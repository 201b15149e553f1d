import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  attachmentResponse,
  cleanFileName,
  detectAttachmentKind,
  discardFiles,
  discardUploads,
  readUpload,
  storeUpload,
  UPLOAD_DIR,
} from "./attachments.server";

const bytes = (text: string | number[]) =>
  typeof text === "string" ? new TextEncoder().encode(text) : Uint8Array.from(text);

describe("detectAttachmentKind", () => {
  it("recognises the five accepted formats by their first bytes", () => {
    expect(detectAttachmentKind(bytes("%PDF-1.7\n"))?.extension).toBe("pdf");
    expect(detectAttachmentKind(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))?.extension).toBe("png");
    expect(detectAttachmentKind(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))?.extension).toBe("jpg");
    expect(detectAttachmentKind(bytes("ISO-10303-21;\nHEADER;"))?.extension).toBe("step");
    expect(detectAttachmentKind(bytes("  0\r\nSECTION\r\n  2\r\nHEADER"))?.extension).toBe("dxf");
    expect(detectAttachmentKind(bytes("AutoCAD Binary DXF\r\n\x1a\0"))?.extension).toBe("dxf");
  });

  it("refuses everything else, whatever it is called", () => {
    for (const content of ["MZ\x90\0", "PK\x03\x04", "<html><script>", "#!/bin/sh", "", "GIF89a"]) {
      expect(detectAttachmentKind(bytes(content))).toBeUndefined();
    }
  });
});

describe("cleanFileName", () => {
  it("keeps a plain name and strips paths and odd characters", () => {
    expect(cleanFileName("layout rev B.pdf")).toBe("layout rev B.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("..\\..\\windows\\win.ini")).toBe("win.ini");
    expect(cleanFileName('a"b<c>.pdf')).toBe("a_b_c_.pdf");
    expect(cleanFileName("...")).toBe("attachment");
    // Letters of any script stay.
    expect(cleanFileName("Prüfbericht 税務証明.pdf")).toBe("Prüfbericht 税務証明.pdf");
    expect(cleanFileName("Rev=C;final.pdf")).toBe("Rev_C_final.pdf");
  });
});

describe("readUpload", () => {
  const MB = 1024 * 1024;
  const boundary = "----upload-test";
  /** A multipart request made as it is read, 1 MB at a time. */
  function multipartRequest(
    fields: Record<string, string>,
    files: { field?: string; name: string; head: string; size: number }[],
  ) {
    const chunks: Buffer[] = Object.entries(fields).map(([name, value]) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
    for (const file of files) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? "attachments"}"; filename="${file.name}"\r\n\r\n${file.head}`,
        ),
      );
      for (let left = file.size - file.head.length; left > 0; left -= MB)
        chunks.push(Buffer.alloc(Math.min(MB, left), 0x20));
      chunks.push(Buffer.from("\r\n"));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk) controller.enqueue(new Uint8Array(chunk));
        else controller.close();
      },
    });
    const headers = { "Content-Type": `multipart/form-data; boundary=${boundary}` };
    return new Request("http://localhost/quote", { method: "POST", headers, body, duplex: "half" } as RequestInit);
  }
  const options = {
    fileField: "attachments",
    maxFiles: 2,
    kinds: ["pdf" as const, "png" as const],
    kindsText: "a PDF or PNG file",
  };
  const incoming = () =>
    fs.existsSync(path.join(UPLOAD_DIR, ".incoming")) ? fs.readdirSync(path.join(UPLOAD_DIR, ".incoming")) : [];

  it("writes each file to disk as it arrives; storing gives it its name, and the rest is removed", async () => {
    const before = incoming().length;
    const upload = await readUpload(
      multipartRequest({ company: "Acme" }, [
        { name: "blank.pdf", head: "", size: 0 },
        { name: "drawing.pdf", head: "%PDF-1.7\n", size: 3 * MB },
        { name: "tool.exe", head: "MZ\x90\0", size: 1024 },
      ]),
      options,
    );
    if (!upload.ok) throw new Error(`refused: ${upload.problem}`);
    expect(upload.fields).toEqual({ company: "Acme" });
    expect(upload.problems).toEqual([
      "“tool.exe” is not a PDF or PNG file.",
      "“blank.pdf” is empty: there is nothing in it to attach.",
    ]);
    expect(upload.files.map(({ name, sizeBytes, kind }) => [name, sizeBytes, kind.extension])).toEqual([
      ["drawing.pdf", 3 * MB, "pdf"],
    ]);
    expect(fs.statSync(upload.files[0].path).size).toBe(3 * MB);
    expect(incoming().length).toBe(before + 1);
    const stored = storeUpload(upload.files[0]);
    expect(fs.statSync(path.join(UPLOAD_DIR, stored.storedName)).size).toBe(3 * MB);
    expect(stored).toMatchObject({ originalName: "drawing.pdf", contentType: "application/pdf", sizeBytes: 3 * MB });
    discardUploads(upload.files);
    discardFiles([stored]);
    expect(incoming().length).toBe(before);
  });

  it("takes a file whose name has = or ; or letters of any script, and gives it back under that name", async () => {
    const names = ["Rev=C.pdf", "a;b.pdf", "Prüfbericht 税務証明.pdf", 'Spec "A" ü.pdf'];
    const upload = await readUpload(
      multipartRequest(
        { company: "Acme" },
        // As a browser sends them: a quote in a name as %22.
        names.map((name) => ({ name: name.replaceAll('"', "%22"), head: "%PDF-1.7\n", size: 64 })),
      ),
      { ...options, maxFiles: 4 },
    );
    if (!upload.ok) throw new Error(`refused: ${upload.problem}`);
    expect(upload.fields).toEqual({ company: "Acme" });
    expect(upload.files.map((file) => file.name)).toEqual(names);
    const stored = upload.files.map(storeUpload);
    const headers = await Promise.all(
      stored.map(async (file) => (await attachmentResponse(file)).headers.get("Content-Disposition")),
    );
    expect(headers).toEqual([
      'attachment; filename="Rev_C.pdf"',
      'attachment; filename="a_b.pdf"',
      `attachment; filename="Prufbericht ____.pdf"; filename*=UTF-8''Pr%C3%BCfbericht%20%E7%A8%8E%E5%8B%99%E8%A8%BC%E6%98%8E.pdf`,
      `attachment; filename="Spec _A_ u.pdf"; filename*=UTF-8''Spec%20_A_%20%C3%BC.pdf`,
    ]);
    discardFiles(stored);
  });

  it("stops a file over 10 MB while it arrives and leaves nothing on disk", async () => {
    const before = incoming().length;
    const upload = await readUpload(
      multipartRequest({ company: "Acme" }, [
        { name: "first.pdf", head: "%PDF-1.7\n", size: MB },
        { name: "big.pdf", head: "%PDF-1.7\n", size: 11 * MB },
      ]),
      options,
    );
    expect(upload).toMatchObject({ ok: false, status: 413, problem: "file", fields: { company: "Acme" } });
    expect(incoming().length).toBe(before);
  });

  it("judges each file field by its own rule when a page's forms take different files", async () => {
    const before = incoming().length;
    const pdf = { head: "%PDF-1.7\n", size: 1024 };
    const rules = [
      { ...options, fileField: "poDocument", maxFiles: 1 },
      { ...options, fileField: "files", maxFiles: 3, kinds: ["pdf" as const], kindsText: "a PDF file" },
    ];
    const upload = await readUpload(
      multipartRequest({ intent: "message" }, [
        { field: "files", name: "a.pdf", ...pdf },
        { field: "files", name: "b.pdf", ...pdf },
        { field: "files", name: "photo.png", head: "\x89PNG\r\n\x1a\n", size: 1024 },
      ]),
      rules,
    );
    if (!upload.ok) throw new Error(`refused: ${upload.problem}`);
    expect(upload.files.map((file) => [file.field, file.name])).toEqual([
      ["files", "a.pdf"],
      ["files", "b.pdf"],
    ]);
    expect(upload.problems).toEqual(["“photo.png” is not a PDF file."]);
    discardUploads(upload.files);
    expect(incoming().length).toBe(before);
  });

  it("reads past files in other fields and past the most it takes, keeping none of them", async () => {
    const before = incoming().length;
    const pdf = { head: "%PDF-1.7\n", size: 1024 };
    const upload = await readUpload(
      multipartRequest({}, [
        { field: "other", name: "x.pdf", ...pdf },
        { name: "a.pdf", ...pdf },
        { name: "b.pdf", ...pdf },
        { name: "c.pdf", ...pdf },
      ]),
      options,
    );
    if (!upload.ok) throw new Error(`refused: ${upload.problem}`);
    expect(upload.problems).toEqual(["Attach at most 2 files (you chose 3)."]);
    expect(upload.files.map((file) => file.name)).toEqual(["a.pdf", "b.pdf"]);
    discardUploads(upload.files);
    expect(incoming().length).toBe(before);
  });
});
