import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { articleTag, type ArticleTag } from "../../../app/news/news";

const here = path.dirname(fileURLToPath(import.meta.url));

export type SeedArticle = {
  slug: string;
  title: string;
  summary: string;
  publishedOn: string;
  bodyMarkdown: string;
  tags: ArticleTag[];
  /** Slugs of the equipment categories the article's subject concerns. */
  categories: string[];
  isRepost: boolean;
  /** Only where the origin is actually known; never guessed. */
  sourceName: string | null;
  sourceUrl: string | null;
  repostNotice: string | null;
};

const body = (slug: string) => fs.readFileSync(path.join(here, `${slug}.md`), "utf8");

export const seedArticles: SeedArticle[] = [
  {
    slug: "multiple-major-projects-signed-at-second-summit",
    title: "Multiple major projects signed at second summit",
    // The article's own opening sentence: nothing is added to what the text says.
    summary: "From June 16 to 18, the second China-Central Asia Five Nations Summit was held in Astana, Kazakhstan.",
    publishedOn: "2025-12-29",
    bodyMarkdown: body("multiple-major-projects-signed-at-second-summit"),
    tags: [
      "energy",
      "refining",
      "petrochemicals",
      "natural gas",
      "fertilizer",
      "agricultural machinery",
      "Central Asia",
    ].map(articleTag),
    categories: [
      "heat-exchangers",
      "industrial-valves",
      "centrifugal-pumps",
      "flow-meters",
      "pressure-gauges",
      "agricultural-machinery",
      "hydrogen-electrolyzers",
      "solar-inverters",
    ],
    isRepost: true,
    sourceName: null,
    sourceUrl: null,
    repostNotice: "Reposted for informational purposes only. Views are not ours. Stay tuned for more.",
  },
];
