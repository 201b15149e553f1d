import { describe, expect, it } from "vitest";
import { listPublishedArticles } from "~/news/news.server";
import { loader as newsLoader } from "./news._index";
import { loader as tagLoader } from "./news.tags.$tag";

/** What a loader threw (a redirect or a 404), or undefined when it answered. */
async function thrown(run: () => Promise<unknown>) {
  try {
    await run();
    return undefined;
  } catch (response) {
    return response as Response;
  }
}

const request = (path: string) => new Request(`http://localhost${path}`);

describe("/news and its tags, past the last page", () => {
  it("go to the last page, keeping the rest of the address, rather than answering an empty page", async () => {
    expect(listPublishedArticles({ page: 1 }).total).toBeLessThanOrEqual(10);
    const past = await thrown(() =>
      newsLoader({ request: request("/news?page=50"), params: {}, context: { cspNonce: "test" } }),
    );
    expect([past?.status, past?.headers.get("Location")]).toEqual([302, "/news"]);
    const [{ tags }] = listPublishedArticles({ page: 1 }).articles;
    const tag = await thrown(() =>
      tagLoader({
        request: request(`/news/tags/${tags[0]}?page=7&utm=x`),
        params: { tag: tags[0] },
        context: { cspNonce: "test" },
      }),
    );
    expect([tag?.status, tag?.headers.get("Location")]).toEqual([302, `/news/tags/${tags[0]}?utm=x`]);
    expect(
      await thrown(() => newsLoader({ request: request("/news"), params: {}, context: { cspNonce: "test" } })),
    ).toBeUndefined();
  });
});
