import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { limitBody } from "./request-body.server";

export const UPLOAD_DIR = path.resolve(process.env.UPLOAD_DIR ?? "data/uploads");
/** Where a file is written as it arrives, until its caller moves it into place or removes it. */
export const INCOMING_DIR = path.join(UPLOAD_DIR, ".incoming");

/** A file part written to `INCOMING_DIR`; its first 64 bytes say what it is. */
export type ReceivedFile = { field: string; name: string; path: string; sizeBytes: number; head: Buffer };

export type MultipartRead =
  | {
      ok: true;
      fields: Record<string, string>;
      files: ReceivedFile[];
      /** Files of `fileFields` sent past `maxFiles`: read past, not kept, only counted. */
      filesPastLimit: number;
      /** Files of `fileFields` chosen but empty: not kept, named so the form can say so. */
      emptyFiles: { field: string; name: string }[];
    }
  /**
   * The body, one file or one text field was over its limit, or the form could not be read;
   * `fields`: what was typed, when known. A text field over its limit is named (`tooLong`), and
   * what fitted of it is in `fields`, so the form can show it again at that field.
   */
  | {
      ok: false;
      status: 413 | 400;
      problem: "body" | "file" | "field" | "unreadable";
      fields: Record<string, string>;
      tooLong?: string;
    };

export type MultipartLimits = {
  /** The whole body, whatever Content-Length says (a chunked upload declares none). */
  maxBytes: number;
  /** One file part. */
  maxFileBytes: number;
  /** One text field. */
  maxFieldBytes: number;
  /** The fields whose files are kept; files sent in any other field are read past. */
  fileFields: readonly string[];
  /** The most files kept; later ones are read past and counted, so the form can say how many were chosen. */
  maxFiles: number;
};

const PARTS_LIMIT = 1000;

type Problem = "body" | "file" | "field";
/** Thrown from inside the parser to stop reading at the first part over a limit. */
class Refused extends Error {
  constructor(readonly problem: Problem) {
    super(`multipart ${problem} over its limit`);
  }
}

/** The start of a text over `maxBytes`: a character cut off at the end is left out whole. */
const startOf = (bytes: Buffer, maxBytes: number) => new StringDecoder("utf8").write(bytes.subarray(0, maxBytes));

/**
 * The one reader of form bodies that may carry files. Parts are handled as their bytes arrive:
 * a file part is written to `INCOMING_DIR` under a random name chunk by chunk (never held whole in
 * memory) and refused the moment it passes its limit; a text field is kept as soon as it has
 * arrived, so a form refused half-way still shows what was typed before the part that broke a
 * limit. What was written is removed again if the body breaks a limit or stops half-way. A
 * url-encoded body is read too, under the same limits. The caller moves the files into place or
 * removes them (`discardReceived`).
 */
export async function readMultipart(request: Request, limits: MultipartLimits): Promise<MultipartRead> {
  if (Number(request.headers.get("Content-Length") ?? 0) > limits.maxBytes)
    return { ok: false, status: 413, problem: "body", fields: {} };
  // A chunked upload declares no length: the limit is enforced on the bytes as they arrive.
  const limited = limitBody(request, limits.maxBytes);
  const fields: Record<string, string> = {};
  const received: ReceivedFile[] = [];
  let filesPastLimit = 0;
  const emptyFiles: { field: string; name: string }[] = [];
  let parts = 0;
  let tooLong: string | undefined;
  const handler: UploadHandler = async (part) => {
    if (++parts > PARTS_LIMIT) throw new Refused("body");
    if (typeof part.filename !== "string") {
      const { text, whole } = await readText(part.data, limits.maxFieldBytes);
      // A name sent twice keeps its first value: a second one too long is not that field's.
      const first = !(part.name in fields);
      if (first) fields[part.name] = text;
      if (!whole) {
        if (first) tooLong = part.name;
        throw new Refused("field");
      }
      return undefined;
    }
    // An empty file input still sends a part, with no name and no bytes; there is nothing to keep.
    if (!limits.fileFields.includes(part.name) || part.filename === "") return skip(part.data);
    if (received.length >= limits.maxFiles) {
      filesPastLimit++;
      return skip(part.data);
    }
    const file = await receiveFile(part, limits.maxFileBytes);
    if (file.sizeBytes > 0) received.push(file);
    else {
      discardReceived([file]);
      emptyFiles.push({ field: file.field, name: file.name });
    }
    return undefined;
  };
  let form: FormData;
  try {
    const multipart = /^multipart\/form-data\s*;/i.test(request.headers.get("Content-Type") ?? "");
    form = multipart
      ? await unstable_parseMultipartFormData(limited.request, handler)
      : await limited.request.formData();
  } catch (error) {
    discardReceived(received);
    if (limited.exceeded()) return { ok: false, status: 413, problem: "body", fields };
    if (error instanceof Refused) return { ok: false, status: 413, problem: error.problem, fields, tooLong };
    return { ok: false, status: 400, problem: "unreadable", fields };
  }
  // A url-encoded body arrives as a whole form, with no parts handed to the handler.
  for (const [name, value] of form) {
    if (typeof value !== "string" || name in fields) continue;
    if (Buffer.byteLength(value) > limits.maxFieldBytes) {
      fields[name] = startOf(Buffer.from(value), limits.maxFieldBytes);
      return { ok: false, status: 413, problem: "field", fields, tooLong: name };
    }
    fields[name] = value;
  }
  return { ok: true, fields, files: received, filesPastLimit, emptyFiles };
}

async function skip(data: AsyncIterable<Uint8Array>) {
  for await (const _chunk of data); // read past, keep nothing
  return undefined;
}

/** A text part, or when it passes `maxBytes` the start of it, read no further. */
async function readText(data: AsyncIterable<Uint8Array>, maxBytes: number) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    chunks.push(chunk);
    if (size > maxBytes) return { text: startOf(Buffer.concat(chunks), maxBytes), whole: false };
  }
  return { text: Buffer.concat(chunks).toString("utf8"), whole: true };
}

/** Writes one file part to disk as it arrives, under a random name; a part over `maxBytes` or a failed write leaves nothing. */
async function receiveFile(part: Parameters<UploadHandler>[0], maxBytes: number): Promise<ReceivedFile> {
  fs.mkdirSync(INCOMING_DIR, { recursive: true });
  const target = path.join(INCOMING_DIR, `${crypto.randomBytes(16).toString("hex")}.part`);
  // Opened before the first byte is piped: a stream that opens its file by itself may create it
  // after a refusal has already removed the name, leaving an empty file behind.
  const handle = await fs.promises.open(target, "wx");
  let sizeBytes = 0;
  let head = Buffer.alloc(0);
  try {
    await pipeline(
      part.data,
      async function* (chunks: AsyncIterable<Uint8Array>) {
        for await (const chunk of chunks) {
          sizeBytes += chunk.byteLength;
          if (sizeBytes > maxBytes) throw new Refused("file");
          if (head.length < 64) head = Buffer.concat([head, chunk.subarray(0, 64 - head.length)]);
          yield chunk;
        }
      },
      handle.createWriteStream(),
    );
  } catch (error) {
    await handle.close().catch(() => undefined); // already closed by the stream, in most cases
    fs.rmSync(target, { force: true });
    throw error;
  }
  return { field: part.name, name: part.filename ?? "", path: target, sizeBytes, head };
}

/** Removes received files that were not moved into place (a moved one has already left). */
export function discardReceived(files: readonly Pick<ReceivedFile, "path">[]) {
  for (const file of files) fs.rmSync(file.path, { force: true });
}
