import { describe, expect, it } from "vitest";
import { xml2js } from "xml-js";
import { writeTransaction } from "~/lib/db.server";
import { createArticle, listPublishedArticles } from "~/news/news.server";
import { articleTag } from "~/news/news";
import { loader as newsLoader } from "./news._index";
import { loader as rssLoader } from "./news.rss[.]xml";
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
    const [
      {
        tags: [{ slug }],
      },
    ] = listPublishedArticles({ page: 1 }).articles;
    const tag = await thrown(() =>
      tagLoader({
        request: request(`/news/tags/${slug}?page=7&utm=x`),
        params: { tag: slug },
        context: { cspNonce: "test" },
      }),
    );
    expect([tag?.status, tag?.headers.get("Location")]).toEqual([302, `/news/tags/${slug}?utm=x`]);
    expect(
      await thrown(() => newsLoader({ request: request("/news"), params: {}, context: { cspNonce: "test" } })),
    ).toBeUndefined();
  });
});

describe("/news/rss.xml", () => {
  it("stays well-formed XML whatever an article's title, summary and tags hold, and says them as written", async () => {
    const title = "Pumps ]]> and ]]> gauges & <b>valves</b>";
    const summary = "A summary with ]]> twice ]]> & <i>tags</i>";
    writeTransaction(() =>
      createArticle({
        slug: "cdata-ends-twice",
        title,
        summary,
        bodyMarkdown: "Body.",
        publishedOn: "2099-01-01",
        status: "published",
        isRepost: false,
        sourceName: null,
        sourceUrl: null,
        repostNotice: null,
        tags: [articleTag("LNG & <gas>"), articleTag("Central Asia")],
        categoryIds: [],
      }),
    );
    const xml = await (await rssLoader()).text();
    expect(xml).toContain("<category>LNG &amp; &lt;gas&gt;</category>");
    // A strict parser: one `]]>` left unsplit ends the section early and the feed stops parsing.
    const feed = xml2js(xml, { compact: true }) as {
      rss: {
        channel: {
          item: { title: { _cdata: string[] }; description: { _cdata: string[] }; category: { _text: string }[] }[];
        };
      };
    };
    const item = feed.rss.channel.item.find((each) => each.title._cdata.join("").startsWith("Pumps"));
    expect(item?.title._cdata.join("")).toBe(title);
    expect(item?.description._cdata.join("")).toBe(summary);
    expect(item?.category.map((category) => category._text)).toEqual(["Central Asia", "LNG & <gas>"]);
  });
});
