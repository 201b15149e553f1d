import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { deflateParts, gzipAround, pickEncoding } from "./encoding.server";

describe("gzipAround", () => {
  it("joins parts compressed ahead with the bytes between them in clear, as one gzip body", () => {
    const cases = [
      ["<p>", "</p>"],
      ["", "middle", ""],
      ["only one part"],
      ["x".repeat(200_000), "y".repeat(70_000), "<end>"],
    ];
    for (const texts of cases) {
      const parts = texts.map((text) => Buffer.from(text));
      const between = Buffer.from("n0nce+/=");
      const body = Buffer.concat(gzipAround(deflateParts(parts), between));
      expect(zlib.gunzipSync(body).toString(), texts.join("|")).toBe(texts.join("n0nce+/="));
      expect(body.includes(between)).toBe(parts.length > 1);
    }
  });
  it("combines the checksum right for parts and nonces of any length", () => {
    let seed = 7;
    const next = (below: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % below;
    for (let round = 0; round < 40; round++) {
      const parts = Array.from({ length: 1 + next(6) }, () =>
        Buffer.from(Array.from({ length: next(3) ? next(70_000) : 0 }, () => next(256))),
      );
      const between = Buffer.from(Array.from({ length: 1 + next(40) }, () => next(256)));
      const body = Buffer.concat(gzipAround(deflateParts(parts), between));
      const joined = Buffer.concat(parts.flatMap((part, i) => (i ? [between, part] : [part])));
      expect(zlib.gunzipSync(body).equals(joined), `round ${round}`).toBe(true);
    }
  });
});

describe("pickEncoding", () => {
  it("takes the encoding asked for when the client takes it, else brotli, then gzip", () => {
    expect(pickEncoding("gzip, deflate, br")).toBe("br");
    expect(pickEncoding("gzip, deflate, br", "gzip")).toBe("gzip");
    expect(pickEncoding("br", "gzip")).toBe("br");
    expect(pickEncoding("gzip;q=0, br", "gzip")).toBe("br");
    expect(pickEncoding(undefined, "gzip")).toBeUndefined();
  });
});
