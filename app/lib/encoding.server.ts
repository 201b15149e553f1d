import zlib from "node:zlib";

/**
 * How every response body is compressed, whichever path answers it: files under public/
 * (compressed once per process), pages from the page cache (compressed once, around the places
 * their nonce goes: `gzipAround`), and everything rendered per request (the server's streaming
 * compression middleware takes its filter, threshold and brotli quality from here).
 */
export type Encoding = "br" | "gzip";

/** Worth compressing: below this a compressed body saves less than its headers cost. */
export const MIN_COMPRESS_BYTES = 1024;

/** Brotli for bodies compressed on every response: quality 4, about gzip's speed, smaller output. */
export const PER_RESPONSE_BROTLI: zlib.BrotliOptions = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } };

/**
 * The encoding to answer with: `preferred` when the client takes it (a body compressed ahead of
 * time), else brotli, then gzip, unless the client refused it (`q=0`).
 */
export function pickEncoding(acceptEncoding: string | undefined, preferred?: Encoding): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Set(
    acceptEncoding
      .split(",")
      .map((part) => part.trim().toLowerCase().split(";"))
      .filter(([, ...params]) => !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p)))
      .map(([name]) => name.trim()),
  );
  if (preferred && accepted.has(preferred)) return preferred;
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip")) return "gzip";
  return undefined;
}

/** Whether a body of this media type is text (or SVG, or an icon) that compression shrinks. */
export function isCompressibleType(contentType: string | undefined) {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  return (
    type.startsWith("text/") ||
    type === "image/svg+xml" ||
    type === "image/x-icon" ||
    type === "application/json" ||
    type === "application/xml" ||
    type === "application/rss+xml" ||
    type === "application/atom+xml"
  );
}

/**
 * `body` in `encoding`. `once`: a file compressed when first asked for and kept (brotli 5 is
 * within 2 % of quality 9's size at a quarter of its time: 9 ms for the 266 KB React chunk; 11
 * would take 0.4 s for 7 % less). `perResponse`: a body compressed for one response.
 */
export function compress(body: Buffer, encoding: Encoding, effort: "once" | "perResponse"): Buffer {
  if (encoding === "gzip") return zlib.gzipSync(body, { level: effort === "once" ? 9 : 4 });
  const quality = effort === "once" ? { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } : PER_RESPONSE_BROTLI.params;
  return zlib.brotliCompressSync(body, {
    params: { ...quality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
}

/**
 * Each part of a body compressed on its own, as raw deflate ending in a full flush: any of them
 * can follow any other in one deflate stream, with other bytes between them (`gzipAround`).
 */
export function deflateParts(parts: Buffer[]): Buffer[] {
  return parts.map((part) => zlib.deflateRawSync(part, { finishFlush: zlib.constants.Z_FULL_FLUSH }));
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** The last block of a deflate stream: stored, empty. */
const LAST_BLOCK = Buffer.from([1, 0, 0, 0xff, 0xff]);

/**
 * `parts` joined by `between` as one gzip body, from the parts compressed ahead (`deflateParts`):
 * `between` (a nonce, under 64 KB) goes in stored blocks, so nothing is compressed per response;
 * only the checksum reads the bytes. A cached page costs no more to send compressed than plain (a
 * product page compressed per response served a quarter as many requests a second).
 */
export function gzipAround(parts: Buffer[], deflated: Buffer[], between: Buffer): Buffer[] {
  const stored = Buffer.alloc(5 + between.length);
  stored.writeUInt16LE(between.length, 1);
  stored.writeUInt16LE(~between.length & 0xffff, 3);
  between.copy(stored, 5);
  const body: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let size = 0;
  // Node's crc32 answers 0 for some empty buffers, whatever the value it continues: they are skipped.
  const add = (bytes: Buffer) => {
    if (bytes.length) crc = zlib.crc32(bytes, crc);
    size += bytes.length;
  };
  parts.forEach((part, i) => {
    if (i > 0) {
      body.push(stored);
      add(between);
    }
    body.push(deflated[i]);
    add(part);
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4);
  body.push(LAST_BLOCK, trailer);
  return body;
}
