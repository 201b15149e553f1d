import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { UPLOAD_DIR } from "~/lib/attachments.server";

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Product pictures live apart from quote attachments, so the public image route can never reach those. */
const PRODUCT_IMAGE_DIR = path.join(UPLOAD_DIR, "products");
const PRODUCT_IMAGE_URL = "/product-images/";

const KINDS = { png: "image/png", jpg: "image/jpeg", webp: "image/webp" } as const;
type Extension = keyof typeof KINDS;

/**
 * PNG, JPEG or WebP, judged by the first bytes, never by the name or the browser's claim.
 * SVG is refused: it can carry scripts, and a raster picture is all a product page needs.
 */
function detectImageKind(bytes: Uint8Array): Extension | undefined {
  const starts = (signature: number[], offset = 0) => signature.every((byte, i) => bytes[offset + i] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (starts([0xff, 0xd8, 0xff])) return "jpg";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "webp";
  return undefined;
}

/** Checks an uploaded picture; the message is for the form field. */
export function checkProductImage(
  bytes: Uint8Array,
): { ok: true; extension: Extension } | { ok: false; error: string } {
  if (bytes.byteLength === 0) return { ok: false, error: "The image file is empty" };
  if (bytes.byteLength > MAX_IMAGE_BYTES) return { ok: false, error: "The image must be at most 5 MB" };
  const extension = detectImageKind(bytes);
  return extension ? { ok: true, extension } : { ok: false, error: "The image must be a PNG, JPEG or WebP picture" };
}

/** Writes the picture under a random name and returns the URL it is served at. */
export function storeProductImage(bytes: Uint8Array, extension: Extension) {
  fs.mkdirSync(PRODUCT_IMAGE_DIR, { recursive: true });
  const name = `${crypto.randomBytes(16).toString("hex")}.${extension}`;
  fs.writeFileSync(path.join(PRODUCT_IMAGE_DIR, name), bytes, { flag: "wx" });
  return `${PRODUCT_IMAGE_URL}${name}`;
}

/** Removes a picture stored by `storeProductImage` (a save that failed after the upload). */
export function discardProductImage(url: string) {
  const name = productImageName(url);
  if (name) fs.rmSync(path.join(PRODUCT_IMAGE_DIR, name), { force: true });
}

/** The stored file name of a picture URL, or undefined for anything that is not one of ours. */
function productImageName(url: string) {
  const name = url.startsWith(PRODUCT_IMAGE_URL) ? url.slice(PRODUCT_IMAGE_URL.length) : url;
  return /^[0-9a-f]{32}\.(png|jpg|webp)$/.test(name) ? name : undefined;
}

/** A stored picture's bytes and kind, by its URL or name; undefined for anything else. */
export async function readProductImage(url: string) {
  const stored = productImageName(url);
  if (!stored) return undefined;
  const bytes = await fs.promises.readFile(path.join(PRODUCT_IMAGE_DIR, stored)).catch(() => undefined);
  return bytes && { bytes, extension: stored.split(".")[1] as Extension };
}

export async function productImageResponse(name: string) {
  const image = await readProductImage(name);
  if (!image) return undefined;
  const { bytes, extension } = image;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": KINDS[extension],
      "Content-Length": String(bytes.byteLength),
      // Names are random and never reused, so a picture never changes.
      "Cache-Control": "public, max-age=31536000, immutable",
      // nosniff comes with every response from the server (server/security-headers.ts).
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}
