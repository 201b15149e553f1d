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
      const body = Buffer.concat(gzipAround(parts, deflateParts(parts), between));
      expect(zlib.gunzipSync(body).toString(), texts.join("|")).toBe(texts.join("n0nce+/="));
      expect(body.includes(between)).toBe(parts.length > 1);
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
