import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { env } from "./env.server";
import { openToken, sealToken } from "./link-secret.server";
import { createToken } from "./tokens.server";

describe("sealed links", () => {
  it("opens what it sealed, differently each time, and nothing tampered with", () => {
    const token = createToken();
    const [a, b] = [sealToken(token), sealToken(token)];
    expect(a).not.toBe(b);
    expect(a).not.toContain(token);
    expect(openToken(a)).toBe(token);
    expect(openToken(b)).toBe(token);
    const flipped = Buffer.from(a, "base64url");
    flipped[flipped.length - 1] ^= 1;
    expect(openToken(flipped.toString("base64url"))).toBeUndefined();
    expect(openToken("not sealed")).toBeUndefined();
    expect(openToken(null)).toBeUndefined();
  });

  it("keeps its secret beside the database, readable by its owner only", () => {
    sealToken("x");
    const file = path.join(path.dirname(path.resolve(env.DATABASE_PATH)), "link-secret.key");
    expect(env.LINK_SECRET ?? fs.readFileSync(file, "utf8").length).toBeTruthy();
    if (!env.LINK_SECRET) expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
