import { describe, expect, it } from "vitest";
import { sqlite } from "./db.server";
import { contentVersionsThisTurn, readContentVersions } from "./content-version.server";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const bumpNews = () => sqlite.prepare("UPDATE catalog_meta SET value = value + 1 WHERE key = 'news_version'").run();

describe("content versions", () => {
  it("are read once per turn of the event loop on the hot path, and afresh in the next turn", async () => {
    await nextTurn();
    const before = contentVersionsThisTurn();
    bumpNews();
    // A request handled in the same turn came in together with the one before: it shares its read.
    expect(contentVersionsThisTurn()).toBe(before);
    expect(readContentVersions().news).toBe(before.news + 1);
    await nextTurn();
    expect(contentVersionsThisTurn()).toEqual({ ...before, news: before.news + 1 });
  });
});
