import zlib from "node:zlib";

/**
 * How every response body is compressed, whichever path answers it: files under public/
 * (compressed once per process), pages from the page cache (their nonce differs per response,
 * so compressed per response), and everything rendered per request (the server's streaming
 * compression middleware takes its filter, threshold and brotli quality from here).
 */
export type Encoding = "br" | "gzip";

/** Worth compressing: below this a compressed body saves less than its headers cost. */
export const MIN_COMPRESS_BYTES = 1024;

/** Brotli for bodies compressed on every response: quality 4, about gzip's speed, smaller output. */
export const PER_RESPONSE_BROTLI: zlib.BrotliOptions = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } };

/** The encoding to answer with: brotli, then gzip, unless the client refused it (`q=0`). */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Set(
    acceptEncoding
      .split(",")
      .map((part) => part.trim().toLowerCase().split(";"))
      .filter(([, ...params]) => !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p)))
      .map(([name]) => name.trim()),
  );
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
