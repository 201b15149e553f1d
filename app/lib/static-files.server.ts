import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { compress, type Encoding, isCompressibleType, MIN_COMPRESS_BYTES, pickEncoding } from "./encoding.server";
import { FILE_CACHE_CONTROL, IMMUTABLE_FILE_CACHE_CONTROL } from "./policy";

/**
 * The files under `public/` (the fingerprinted build, the images), held in memory and
 * answered before any middleware. Each compressible file is compressed once per process, the
 * first time a browser asks for that encoding, rather than on every request: gzipping the React
 * chunk alone costs ~10 ms of CPU, and a cold page asks for twenty chunks at once. Which
 * encoding, and how, is decided in encoding.server.ts for every response of the site.
 * The set of files is fixed when the process starts (a deploy restarts it); a path that is not
 * in it is not a file we serve, so no request path ever reaches the file system.
 *
 * Each image under `/images/` is also served at a fingerprinted path, its name with a hash of its
 * bytes (`/images/logo.<hash>.png`): pages link to that one (`versionedPath`), so it can be
 * cached for a year, while the plain path, which keeps its bytes only until the next deploy, is
 * cached for an hour.
 */
type StaticFile = {
  type: string;
  cacheControl: string;
  etag: string;
  raw: Buffer;
  compressible: boolean;
  encoded: Partial<Record<Encoding, Buffer>>;
};

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".ico": "image/x-icon",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
};

let files: Map<string, StaticFile> | undefined;
/** Plain image path → its fingerprinted path. */
let versions: Map<string, string> | undefined;

/** `/images/a/b.svg` with hash `h` → `/images/a/b.h.svg`. */
function fingerprinted(urlPath: string, hash: string) {
  const ext = path.posix.extname(urlPath);
  return `${urlPath.slice(0, urlPath.length - ext.length)}.${hash}${ext}`;
}

function loadFiles(root: string) {
  const loaded = new Map<string, StaticFile>();
  const loadedVersions = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const urlPath = `/${path.relative(root, full).split(path.sep).join("/")}`;
        const raw = fs.readFileSync(full);
        const type = TYPES[path.extname(entry.name).toLowerCase()] ?? "application/octet-stream";
        const hash = crypto.createHash("sha256").update(raw).digest();
        const file: StaticFile = {
          type,
          // Build output is fingerprinted: a changed file gets a new name.
          cacheControl: urlPath.startsWith("/build/") ? IMMUTABLE_FILE_CACHE_CONTROL : FILE_CACHE_CONTROL,
          etag: `"${hash.toString("base64url").slice(0, 22)}"`,
          raw,
          compressible: isCompressibleType(type) && raw.length >= MIN_COMPRESS_BYTES,
          encoded: {},
        };
        loaded.set(urlPath, file);
        if (urlPath.startsWith("/images/")) {
          const versioned = fingerprinted(urlPath, hash.toString("hex").slice(0, 12));
          // The same bytes (and the same compressed copies) under the name that changes with them.
          loaded.set(versioned, { ...file, cacheControl: IMMUTABLE_FILE_CACHE_CONTROL });
          loadedVersions.set(urlPath, versioned);
        }
      }
    }
  };
  if (fs.existsSync(root)) walk(root);
  versions = loadedVersions;
  return loaded;
}

function encode(file: StaticFile, encoding: Encoding) {
  file.encoded[encoding] ??= compress(file.raw, encoding, "once");
  return file.encoded[encoding];
}

export type StaticAnswer = { status: 200 | 304; headers: [string, string][]; body: Buffer | null };

/**
 * A GET or HEAD of a file under `public/` as status, headers and bytes, or undefined when the
 * path is not one of its files. `root` is for tests; the server serves `./public`.
 */
export function lookupStaticFile(
  pathname: string,
  request: { acceptEncoding?: string; ifNoneMatch?: string; head?: boolean },
  root = "public",
): StaticAnswer | undefined {
  files ??= loadFiles(path.resolve(root));
  const file = files.get(pathname);
  if (!file) return undefined;
  const headers: [string, string][] = [
    ["content-type", file.type],
    ["cache-control", file.cacheControl],
    ["etag", file.etag],
  ];
  if (file.compressible) headers.push(["vary", "Accept-Encoding"]);
  const known = request.ifNoneMatch?.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  if (known?.includes(file.etag) || known?.includes("*")) return { status: 304, headers, body: null };
  const encoding = file.compressible ? pickEncoding(request.acceptEncoding) : undefined;
  const body = encoding ? encode(file, encoding) : file.raw;
  if (encoding) headers.push(["content-encoding", encoding]);
  headers.push(["content-length", String(body.length)]);
  return { status: 200, headers, body: request.head ? null : body };
}

/**
 * The path a page links to for a file under `/images/`: its fingerprinted name, cached for a
 * year. Any other path comes back as it is.
 */
export function versionedPath(pathname: string, root = "public") {
  files ??= loadFiles(path.resolve(root));
  return versions?.get(pathname) ?? pathname;
}

/** Every image's fingerprinted path, by plain path: pages rendered in the browser use it too. */
export function imageVersions(root = "public"): Record<string, string> {
  files ??= loadFiles(path.resolve(root));
  return Object.fromEntries(versions ?? []);
}

/** Forgets the loaded files (tests that serve a directory of their own). */
export function resetStaticFiles() {
  files = undefined;
  versions = undefined;
}
