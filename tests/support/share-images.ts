// Draws the share images (1200×630 PNG, one per page type) and the publisher logo (512×512 PNG)
// under public/images/ with Chromium, from the favicon and the category illustrations. Run once
// after changing them: `npx tsx tests/support/share-images.ts`; the PNGs are committed.
import fs from "node:fs";
import { chromium } from "@playwright/test";
import { chromiumArgs, chromiumExecutable } from "./browser";
import { SHARE_IMAGES, type ShareImage } from "~/lib/share-images";

const CARDS: Record<ShareImage, { heading: string; line: string; illustration: string }> = {
  home: {
    heading: "Industrial equipment, specified, quoted and shipped",
    line: "Instruments, machinery, food processing systems and new energy solutions for B2B buyers",
    illustration: "industrial-equipment",
  },
  catalog: {
    heading: "The IronAxis catalog",
    line: "Search by spec and part number, compare datasheets and request a quote",
    illustration: "machinery",
  },
  product: {
    heading: "Product datasheets",
    line: "Typed specifications, lead times and list prices, with quotes on request",
    illustration: "instruments",
  },
  news: {
    heading: "Industry news",
    line: "For buyers of industrial equipment, food processing and new energy systems",
    illustration: "new-energy-solutions",
  },
};

const dataUri = (file: string) => `data:image/svg+xml;base64,${fs.readFileSync(file).toString("base64")}`;
const logo = dataUri("public/favicon.svg");

function shareCard(heading: string, line: string, illustration: string) {
  return `<!doctype html><html><head><style>
    body { margin: 0; width: 1200px; height: 630px; display: flex; font-family: "DejaVu Sans", sans-serif; background: #1d2731; color: #fff; }
    .text { flex: 1; padding: 72px 0 72px 72px; display: flex; flex-direction: column; }
    .brand { display: flex; align-items: center; gap: 20px; font-size: 44px; font-weight: bold; }
    .brand img { width: 72px; height: 72px; }
    h1 { font-size: 58px; line-height: 1.1; margin: 64px 0 24px; }
    p { font-size: 28px; line-height: 1.35; margin: 0; color: #d5dbe1; }
    .art { width: 480px; display: flex; align-items: center; justify-content: center; }
    .art img { width: 400px; height: 300px; border-radius: 12px; border-bottom: 10px solid #e0701b; }
  </style></head><body>
    <div class="text"><div class="brand"><img src="${logo}" alt="">IronAxis</div><h1>${heading}</h1><p>${line}</p></div>
    <div class="art"><img src="${dataUri(`public/images/categories/${illustration}.svg`)}" alt=""></div>
  </body></html>`;
}

const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs });
const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
fs.mkdirSync("public/images/share", { recursive: true });
for (const [kind, card] of Object.entries(CARDS) as [ShareImage, (typeof CARDS)[ShareImage]][]) {
  await page.setContent(shareCard(card.heading, card.line, card.illustration));
  await page.screenshot({ path: `public${SHARE_IMAGES[kind].path}`, type: "png" });
}
await page.setViewportSize({ width: 512, height: 512 });
await page.setContent(
  `<!doctype html><body style="margin:0"><img src="${logo}" width="512" height="512" alt=""></body>`,
);
await page.screenshot({ path: "public/images/logo.png", type: "png", omitBackground: true });
await browser.close();
