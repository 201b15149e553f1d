import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { unstable_createMemoryUploadHandler, type UploadHandler } from "@remix-run/node";

export const MAX_ATTACHMENTS = 5;
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** A whole request form with attachments: the files plus room for the text fields. */
export const MAX_UPLOAD_BODY_BYTES = MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 1024 * 1024;
const MAX_TEXT_FIELD_BYTES = 64 * 1024;
export const UPLOAD_DIR = path.resolve(process.env.UPLOAD_DIR ?? "data/uploads");

type Kind = { extension: string; contentType: string };

/**
 * What a file is, judged by its first bytes, never by its name. Drawing formats (DXF, STEP)
 * have no magic numbers in the usual libraries, so all five are checked here by signature.
 */
export function detectAttachmentKind(bytes: Uint8Array): Kind | undefined {
  const starts = (signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  const head = Buffer.from(bytes.subarray(0, 64)).toString("latin1");
  if (head.startsWith("%PDF-")) return { extension: "pdf", contentType: "application/pdf" };
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { extension: "png", contentType: "image/png" };
  if (starts([0xff, 0xd8, 0xff])) return { extension: "jpg", contentType: "image/jpeg" };
  if (head.startsWith("ISO-10303-21;")) return { extension: "step", contentType: "model/step" };
  if (head.startsWith("AutoCAD Binary DXF") || /^\s*0\s*\r?\n\s*SECTION\b/.test(head)) {
    return { extension: "dxf", contentType: "image/vnd.dxf" };
  }
  return undefined;
}

/** A file name safe to show and to put in a Content-Disposition header. */
export function cleanFileName(name: string) {
  const base = path.basename(name.replaceAll("\\", "/")).normalize("NFKC");
  const cleaned = base.replace(/[^\w.\- ()]+/g, "_").replace(/^\.+/, "").slice(0, 120);
  return cleaned || "attachment";
}

export type StoredFile = { originalName: string; storedName: string; contentType: string; sizeBytes: number };

/** Writes the file under a random name; the caller records it or removes it with `discardFiles`. */
export function storeFile(originalName: string, bytes: Uint8Array, kind: Kind): StoredFile {
  fs.mkdirSync(UPLOAD_DIR, { recursive: true });
  const storedName = `${crypto.randomBytes(16).toString("hex")}.${kind.extension}`;
  fs.writeFileSync(path.join(UPLOAD_DIR, storedName), bytes, { flag: "wx" });
  return { originalName: cleanFileName(originalName), storedName, contentType: kind.contentType, sizeBytes: bytes.byteLength };
}

export function discardFiles(files: StoredFile[]) {
  for (const file of files) fs.rmSync(path.join(UPLOAD_DIR, file.storedName), { force: true });
}

function storedFilePath(storedName: string) {
  return path.join(UPLOAD_DIR, path.basename(storedName));
}

/** A stored file as a download: never rendered inline, never cached, never sniffed. */
export async function attachmentResponse(file: Pick<StoredFile, "storedName" | "contentType" | "originalName">) {
  const bytes = await fs.promises.readFile(storedFilePath(file.storedName));
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="${file.originalName.replaceAll('"', "")}"`,
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * Keeps the request form's parts in memory with limits that hold while the body streams in: a
 * file part up to MAX_ATTACHMENT_BYTES, a text field up to 64 KB, and no more than
 * MAX_ATTACHMENTS files: later ones are read past and only counted, so the buyer is told how
 * many they chose and keeps what they typed. The caller bounds the whole body (`limitBody`).
 */
export function attachmentUploadHandler() {
  const files = unstable_createMemoryUploadHandler({ maxPartSize: MAX_ATTACHMENT_BYTES });
  const fields = unstable_createMemoryUploadHandler({ maxPartSize: MAX_TEXT_FIELD_BYTES });
  let fileCount = 0;
  const skip = async (data: AsyncIterable<Uint8Array>) => {
    for await (const _chunk of data); // read past, keep nothing
    return undefined;
  };
  const handler: UploadHandler = async (part) => {
    if (typeof part.filename !== "string") return fields(part);
    // An empty file input still sends a part, with no name; there is nothing to keep.
    if (part.filename === "" || ++fileCount > MAX_ATTACHMENTS) return skip(part.data);
    return files(part);
  };
  return { handler, fileCount: () => fileCount };
}
