import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { limitBody } from "./request-body.server";

export const MAX_ATTACHMENTS = 5;
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const MAX_TEXT_FIELD_BYTES = 64 * 1024;
export const UPLOAD_DIR = path.resolve(process.env.UPLOAD_DIR ?? "data/uploads");

const CONTENT_TYPES = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  step: "model/step",
  dxf: "image/vnd.dxf",
} as const;
type Kind = { extension: keyof typeof CONTENT_TYPES; contentType: string };
const kind = (extension: Kind["extension"]): Kind => ({ extension, contentType: CONTENT_TYPES[extension] });

/**
 * What a file is, judged by its first bytes, never by its name. Drawing formats (DXF, STEP)
 * have no magic numbers in the usual libraries, so all five are checked here by signature.
 */
export function detectAttachmentKind(bytes: Uint8Array): Kind | undefined {
  const starts = (signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  const head = Buffer.from(bytes.subarray(0, 64)).toString("latin1");
  if (head.startsWith("%PDF-")) return kind("pdf");
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return kind("png");
  if (starts([0xff, 0xd8, 0xff])) return kind("jpg");
  if (head.startsWith("ISO-10303-21;")) return kind("step");
  if (head.startsWith("AutoCAD Binary DXF") || /^\s*0\s*\r?\n\s*SECTION\b/.test(head)) return kind("dxf");
  return undefined;
}

/** A stored file known only by its names (its kind is in the extension we gave it). */
export function storedFile(originalName: string, storedName: string): Pick<StoredFile, "originalName" | "storedName" | "contentType"> {
  const extension = storedName.split(".").pop() as Kind["extension"];
  return { originalName, storedName, contentType: CONTENT_TYPES[extension] ?? "application/octet-stream" };
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
  try {
    fs.writeFileSync(path.join(UPLOAD_DIR, storedName), bytes, { flag: "wx" });
  } catch (error) {
    fs.rmSync(path.join(UPLOAD_DIR, storedName), { force: true }); // a disk that filled up mid-write
    throw error;
  }
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
 * Keeps a form's parts in memory with limits that hold while the body streams in: a file part
 * up to MAX_ATTACHMENT_BYTES, a text field up to 64 KB, and no more than `maxFiles` files: later
 * ones are read past and only counted, so the buyer is told how many they chose and keeps what
 * they typed. Text fields are also kept as they arrive (`typed`), so a form refused half-way
 * still shows what came before the part that broke a limit. `readUpload` bounds the whole body.
 */
function uploadHandler(maxFiles: number) {
  const files = unstable_createMemoryUploadHandler({ maxPartSize: MAX_ATTACHMENT_BYTES });
  const fields = unstable_createMemoryUploadHandler({ maxPartSize: MAX_TEXT_FIELD_BYTES });
  const typed: Record<string, string> = {};
  let fileCount = 0;
  const skip = async (data: AsyncIterable<Uint8Array>) => {
    for await (const _chunk of data); // read past, keep nothing
    return undefined;
  };
  const handler: UploadHandler = async (part) => {
    if (typeof part.filename !== "string") {
      const value = await fields(part);
      if (typeof value === "string") typed[part.name] ??= value;
      return value;
    }
    // An empty file input still sends a part, with no name; there is nothing to keep.
    if (part.filename === "" || ++fileCount > maxFiles) return skip(part.data);
    return files(part);
  };
  return { handler, typed, fileCount: () => fileCount };
}

export type UploadedFile = { name: string; bytes: Uint8Array; kind: Kind };

export type Upload =
  | { ok: true; fields: Record<string, string>; files: UploadedFile[]; problems: string[] }
  /** The body, one file or one text field was over its limit, or the form could not be read; `fields`: what was typed before. */
  | { ok: false; status: 413 | 400; problem: "body" | "file" | "field" | "unreadable"; fields: Record<string, string> };

/**
 * Reads a multipart form whose files come in `fileField`: at most `maxFiles` files of 10 MB, each
 * judged by its first bytes and kept only if it is one of `kinds` (`kindsText` says which, in
 * words). What is wrong with the files comes back as `problems`, for the field, with everything
 * that was typed.
 */
export async function readUpload(
  request: Request,
  { fileField, maxFiles, kinds, kindsText }: { fileField: string; maxFiles: number; kinds: Kind["extension"][]; kindsText: string },
): Promise<Upload> {
  const maxBody = maxFiles * MAX_ATTACHMENT_BYTES + 1024 * 1024;
  if (Number(request.headers.get("Content-Length") ?? 0) > maxBody) return { ok: false, status: 413, problem: "body", fields: {} };
  // A chunked upload declares no length: the limits are enforced on the bytes as they arrive.
  const limited = limitBody(request, maxBody);
  const upload = uploadHandler(maxFiles);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(limited.request, upload.handler);
  } catch (error) {
    const fields = upload.typed;
    if (limited.exceeded()) return { ok: false, status: 413, problem: "body", fields };
    if (error instanceof MaxPartSizeExceededError) return { ok: false, status: 413, problem: error.field === fileField ? "file" : "field", fields };
    return { ok: false, status: 400, problem: "unreadable", fields };
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === "string") fields[name] = value;
  const problems: string[] = [];
  if (upload.fileCount() > maxFiles) {
    problems.push(`Attach at most ${maxFiles} ${maxFiles === 1 ? "file" : "files"} (you chose ${upload.fileCount()}).`);
  }
  const files: UploadedFile[] = [];
  for (const file of form.getAll(fileField)) {
    if (typeof file === "string" || file.size === 0) continue;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const kind = detectAttachmentKind(bytes);
    if (kind && kinds.includes(kind.extension)) files.push({ name: file.name, bytes, kind });
    else problems.push(`“${cleanFileName(file.name)}” is not ${kindsText}.`);
  }
  return { ok: true, fields, files, problems };
}
