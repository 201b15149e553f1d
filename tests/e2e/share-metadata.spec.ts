import { type APIRequestContext } from "@playwright/test";
import { expect, test } from "../support/test";

/** The page's <meta> tags by property or name, its JSON-LD blocks, and the HTML itself. */
async function described(request: APIRequestContext, path: string) {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  const html = await response.text();
  const meta = new Map<string, string>();
  for (const [, key, content] of html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)"/g)) {
    meta.set(key, content.replaceAll("&amp;", "&").replaceAll("&#x27;", "'").replaceAll("&quot;", '"'));
  }
  const jsonLd = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map(
    ([, json]) => JSON.parse(json) as Record<string, unknown>,
  );
  return { meta, jsonLd };
}

/** The share image a page names: a PNG of 1200×630 with alt text, and the Twitter card alike. */
async function expectShareImage(request: APIRequestContext, meta: Map<string, string>) {
  const image = meta.get("og:image");
  expect(image).toMatch(/\/images\/share\/[a-z]+\.[0-9a-f]{12}\.png$/);
  expect(meta.get("og:image:type")).toBe("image/png");
  expect(meta.get("og:image:width")).toBe("1200");
  expect(meta.get("og:image:height")).toBe("630");
  expect(meta.get("og:image:alt")?.length).toBeGreaterThan(20);
  expect(meta.get("twitter:card")).toBe("summary_large_image");
  expect(meta.get("twitter:image")).toBe(image);
  expect(meta.get("twitter:image:alt")).toBe(meta.get("og:image:alt"));
  expect(meta.get("twitter:title")).toBe(meta.get("og:title"));
  expect(meta.get("twitter:description")).toBe(meta.get("og:description"));
  const png = await request.get(new URL(image!).pathname);
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  const bytes = await png.body();
  expect(bytes.length).toBeLessThan(100 * 1024);
  // The PNG header's IHDR chunk: width and height as big-endian integers.
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1200, 630]);
  return new URL(image!).pathname;
}

test("home, category and product pages name a raster share image with alt text and a large Twitter card", async ({
  request,
}) => {
  const home = await described(request, "/");
  expect(await expectShareImage(request, home.meta)).toMatch(/^\/images\/share\/home\./);

  const category = await described(request, "/categories/pressure-gauges");
  expect(await expectShareImage(request, category.meta)).toMatch(/^\/images\/share\/catalog\./);

  const listing = await (await request.get("/categories/pressure-gauges?sort=name")).text();
  const productPath = listing.match(/href="(\/products\/[^"]+)"/)![1];
  const product = await described(request, productPath);
  expect(await expectShareImage(request, product.meta)).toMatch(/^\/images\/share\/product\./);
  const productData = product.jsonLd.find((block) => block["@type"] === "Product")!;
  // The product's own illustration, at the address that is cached for a year.
  expect(productData.image).toMatch(/\/images\/categories\/pressure-gauges\.[0-9a-f]{12}\.svg$/);
});

test("an article names its share image and publisher logo in its NewsArticle data, and no author the source does not give", async ({
  request,
}) => {
  const { meta, jsonLd } = await described(request, "/news/multiple-major-projects-signed-at-second-summit");
  expect(await expectShareImage(request, meta)).toMatch(/^\/images\/share\/news\./);
  expect(meta.get("og:type")).toBe("article");
  const article = jsonLd.find((block) => block["@type"] === "NewsArticle") as {
    image: unknown;
    publisher: { logo: { url: string } };
  };
  expect(article.image).toMatchObject({ "@type": "ImageObject", url: meta.get("og:image"), width: 1200, height: 630 });
  expect(article.publisher).toMatchObject({
    "@type": "Organization",
    name: "IronAxis",
    logo: { "@type": "ImageObject", width: 512, height: 512 },
  });
  const logo = await request.get(new URL(article.publisher.logo.url).pathname);
  expect(logo.headers()["content-type"]).toBe("image/png");
  // The reposted article's text names no source: no author is made up for it.
  expect(article).not.toHaveProperty("author");
  expect(article).not.toHaveProperty("isBasedOn");
});

test("static images: a year and immutable at their fingerprinted address, an hour at the plain one", async ({
  request,
}) => {
  const home = await (await request.get("/")).text();
  const illustration = home.match(/src="(\/images\/categories\/[a-z-]+\.[0-9a-f]{12}\.svg)"/)?.[1];
  expect(illustration, "the home page links to fingerprinted illustrations").toBeTruthy();
  const versioned = await request.get(illustration!);
  expect(versioned.status()).toBe(200);
  expect(versioned.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  const plain = await request.get(illustration!.replace(/\.[0-9a-f]{12}\.svg$/, ".svg"));
  expect(plain.status()).toBe(200);
  expect(plain.headers()["cache-control"]).toBe("public, max-age=3600");
  expect(await plain.body()).toEqual(await versioned.body());
  // A fingerprint that is not the file's is not a file.
  expect((await request.get(illustration!.replace(/\.[0-9a-f]{12}\.svg$/, ".000000000000.svg"))).status()).toBe(404);
});

test("every site image a page shows is at its fingerprinted address, so a returning buyer's browser keeps it", async ({
  request,
}) => {
  const home = await (await request.get("/")).text();
  const category = home.match(/href="(\/categories\/[a-z-]+)"/)?.[1];
  const categoryPage = await (await request.get(category!)).text();
  expect(categoryPage, "a top-level category shows its sub-categories' pictures").toMatch(/class="subcategories"/);
  const product = categoryPage.match(/href="(\/products\/[a-z0-9-]+)"/)?.[1];
  for (const path of ["/", category!, product!]) {
    const html = path === "/" ? home : path === category ? categoryPage : await (await request.get(path)).text();
    const sources = [...html.matchAll(/<img[^>]* src="(\/images\/[^"]+)"/g)].map((match) => match[1]);
    expect(sources.length, `${path} shows site images`).toBeGreaterThan(0);
    for (const src of sources) expect(src, path).toMatch(/\.[0-9a-f]{12}\.[a-z]+$/);
  }
});
