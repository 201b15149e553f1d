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
 * A body's parts, each compressed on its own as raw deflate ending in a full flush: any of them can
 * follow any other in one deflate stream, with other bytes between them (`gzipAround`). With each
 * part's length and CRC-32, so a response's checksum is combined, not read off the page.
 */
export type DeflatedParts = { deflated: Buffer[]; lengths: number[]; crcs: number[] };

export function deflateParts(parts: Buffer[]): DeflatedParts {
  return {
    deflated: parts.map((part) => zlib.deflateRawSync(part, { finishFlush: zlib.constants.Z_FULL_FLUSH })),
    lengths: parts.map((part) => part.length),
    crcs: parts.map(crc32),
  };
}

/** Node's crc32 answers 0 for some empty buffers whatever value it continues from: an empty one is 0 here. */
const crc32 = (bytes: Buffer) => (bytes.length ? zlib.crc32(bytes) : 0);

// CRC-32 arithmetic, as zlib's crc32_combine does it: polynomials over GF(2), bit-reflected,
// modulo the CRC-32 polynomial. The CRC of A followed by B is CRC(A) × x^(8 × |B|) + CRC(B).
const POLYNOMIAL = 0xedb88320;
/** a × b modulo the polynomial (a ≠ 0). */
function multiplyModP(a: number, b: number) {
  let product = 0;
  for (let bit = 0x80000000; ; bit >>>= 1) {
    if (a & bit) {
      product ^= b;
      if ((a & (bit - 1)) === 0) return product >>> 0;
    }
    b = b & 1 ? (b >>> 1) ^ POLYNOMIAL : b >>> 1;
  }
}
/** x^(2^k) modulo the polynomial, k = 0 … 31. */
const X_TO_2_TO_K = [0x40000000];
for (let k = 1; k < 32; k++) X_TO_2_TO_K.push(multiplyModP(X_TO_2_TO_K[k - 1], X_TO_2_TO_K[k - 1]));
/** The CRC of bytes A followed by bytes B, from CRC(A) (`first`), CRC(B) (`second`) and B's length. */
function combineCrc(first: number, second: number, length: number) {
  let shift = 0x80000000; // x^0
  for (let k = 3, n = length; n > 0; n >>>= 1, k++) if (n & 1) shift = multiplyModP(X_TO_2_TO_K[k & 31], shift);
  return (multiplyModP(shift, first) ^ second) >>> 0;
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** The last block of a deflate stream: stored, empty. */
const LAST_BLOCK = Buffer.from([1, 0, 0, 0xff, 0xff]);

/**
 * A body's parts joined by `between` as one gzip body, from the parts compressed ahead
 * (`deflateParts`): `between` (a nonce, under 64 KB) goes in stored blocks, and the checksum is
 * combined from the parts' own, so a response neither compresses nor reads the page. A cached
 * page costs no more to send compressed than plain (a product page compressed per response
 * served a quarter as many requests a second).
 */
export function gzipAround({ deflated, lengths, crcs }: DeflatedParts, between: Buffer): Buffer[] {
  const stored = Buffer.alloc(5 + between.length);
  stored.writeUInt16LE(between.length, 1);
  stored.writeUInt16LE(~between.length & 0xffff, 3);
  between.copy(stored, 5);
  const betweenCrc = crc32(between);
  const body: Buffer[] = [GZIP_HEADER, deflated[0]];
  let crc = crcs[0];
  let size = lengths[0];
  for (let i = 1; i < deflated.length; i++) {
    body.push(stored, deflated[i]);
    crc = combineCrc(combineCrc(crc, betweenCrc, between.length), crcs[i], lengths[i]);
    size += between.length + lengths[i];
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE(size >>> 0, 4);
  body.push(LAST_BLOCK, trailer);
  return body;
}
