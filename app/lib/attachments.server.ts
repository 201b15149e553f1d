import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import contentDisposition from "content-disposition";
import { discardReceived, readMultipart, UPLOAD_DIR, type MultipartRead } from "./multipart.server";
import { plural } from "./plural";
import { MAX_ATTACHMENT_MB } from "./upload-limits";

export { UPLOAD_DIR };

const MAX_ATTACHMENT_BYTES = MAX_ATTACHMENT_MB * 1024 * 1024;
const MAX_TEXT_FIELD_BYTES = 64 * 1024;

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
export function storedFile(
  originalName: string,
  storedName: string,
): Pick<StoredFile, "originalName" | "storedName" | "contentType"> {
  const extension = storedName.split(".").pop() as Kind["extension"];
  return { originalName, storedName, contentType: CONTENT_TYPES[extension] ?? "application/octet-stream" };
}

/** A file name safe to show and to put in a Content-Disposition header: letters and digits of any script, and `_.- ()`. */
export function cleanFileName(name: string) {
  const base = path.basename(name.replaceAll("\\", "/")).normalize("NFKC");
  const cleaned = base
    .replace(/[^\p{L}\p{M}\p{N}_.\- ()]+/gu, "_")
    .replace(/^\.+/, "")
    .slice(0, 120);
  return cleaned || "attachment";
}

/** A file name in ASCII: accents dropped ("Prüf" is "Pruf"), other letters "_". */
const asciiName = (name: string) =>
  name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replaceAll('"', "_");

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
  return {
    originalName: cleanFileName(originalName),
    storedName,
    contentType: kind.contentType,
    sizeBytes: bytes.byteLength,
  };
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
      // The name in UTF-8 (`filename*`), and in ASCII for clients that know only `filename`:
      // a Latin-1 one ("Prüf.pdf" as a raw byte) is read as something else by browsers.
      "Content-Disposition": contentDisposition(file.originalName, { fallback: asciiName(file.originalName) }),
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** A file received whole and of an accepted kind, waiting on disk for `storeUpload` or `discardUploads`. */
export type UploadedFile = { field: string; name: string; path: string; sizeBytes: number; kind: Kind };

/** Gives a received file its stored name; the caller records it or removes it with `discardFiles`. */
export function storeUpload(file: UploadedFile): StoredFile {
  const storedName = `${crypto.randomBytes(16).toString("hex")}.${file.kind.extension}`;
  fs.linkSync(file.path, path.join(UPLOAD_DIR, storedName));
  fs.rmSync(file.path, { force: true });
  return {
    originalName: cleanFileName(file.name),
    storedName,
    contentType: file.kind.contentType,
    sizeBytes: file.sizeBytes,
  };
}

/** Removes received files that were not stored (a stored one has already left this place). */
export const discardUploads = discardReceived;

/**
 * What a form is told when one of its text fields was over the reader's limit: above the form,
 * and at that field (`tooLongAt`), which shows again the start of it that was read, with what
 * came before it (`Upload.fields`).
 */
export const FIELD_TOO_LONG = "A field of the form is too long: shorten it, then send the form again.";

/** The message at the field over the reader's limit, when the reader named it. */
export const tooLongAt = (field: string | undefined): Record<string, string> =>
  field === undefined
    ? {}
    : { [field]: "This field is too long: shorten it, then send the form again. What fitted of it is kept." };

export type Upload =
  | { ok: true; fields: Record<string, string>; files: UploadedFile[]; problems: string[] }
  /** The reader's refusal, as `readMultipart` says it. */
  | Extract<MultipartRead, { ok: false }>;

/** Which files a form takes: in `fileField`, at most `maxFiles`, each one of `kinds` (`kindsText` says which, in words). */
export type UploadRule = {
  fileField: string;
  maxFiles: number;
  kinds: readonly Kind["extension"][];
  kindsText: string;
};

/**
 * Reads a multipart form whose files come in `fileField`: at most `maxFiles` files of 10 MB, each
 * judged by its first bytes and kept only if it is one of `kinds` (`kindsText` says which, in
 * words). What is wrong with the files comes back as `problems`, for the field, with everything
 * that was typed. The files wait on disk: the caller stores them (`storeUpload`) or, whatever
 * happens, removes them (`discardUploads`). A page whose forms take different files gives one
 * rule per file field: the body may be as large as the largest rule allows, each field's files
 * are judged by its own rule, and the caller keeps those of the form that was sent (`field`).
 */
export async function readUpload(request: Request, rule: UploadRule | readonly UploadRule[]): Promise<Upload> {
  const rules = "fileField" in rule ? [rule] : rule;
  const mostFiles = Math.max(...rules.map((each) => each.maxFiles));
  const read = await readMultipart(request, {
    maxBytes: mostFiles * MAX_ATTACHMENT_BYTES + 1024 * 1024,
    maxFileBytes: MAX_ATTACHMENT_BYTES,
    maxFieldBytes: MAX_TEXT_FIELD_BYTES,
    fileFields: rules.map((each) => each.fileField),
    maxFiles: mostFiles,
  });
  if (!read.ok) return read;
  const problems: string[] = [];
  const files: UploadedFile[] = [];
  for (const { fileField, maxFiles, kinds, kindsText } of rules) {
    const received = read.files.filter((file) => file.field === fileField);
    // Files past the most read are counted for the field that was being sent.
    const chosen = received.length + (received.length ? read.filesPastLimit : 0);
    if (chosen > maxFiles) problems.push(`Attach at most ${plural(maxFiles, "file")} (you chose ${chosen}).`);
    received.forEach((file, i) => {
      const kind = detectAttachmentKind(file.head);
      if (kind && kinds.includes(kind.extension) && i < maxFiles)
        files.push({ field: fileField, name: file.name, path: file.path, sizeBytes: file.sizeBytes, kind });
      else {
        discardUploads([file]);
        if (i < maxFiles) problems.push(`“${cleanFileName(file.name)}” is not ${kindsText}.`);
      }
    });
    for (const empty of read.emptyFiles.filter((file) => file.field === fileField))
      problems.push(`“${cleanFileName(empty.name)}” is empty: there is nothing in it to attach.`);
  }
  return { ok: true, fields: read.fields, files, problems };
}
