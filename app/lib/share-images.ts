/**
 * The picture a link preview shows for each kind of page (1200×630 PNG under public/, drawn by
 * tests/support/share-images.ts), with the text that describes it (og:image:alt), and the publisher's logo.
 */
export const SHARE_IMAGES = {
  home: {
    path: "/images/share/home.png",
    alt: "IronAxis: industrial equipment, instruments and machinery, specified, quoted and shipped",
  },
  catalog: {
    path: "/images/share/catalog.png",
    alt: "The IronAxis catalog: equipment to search by spec and part number and compare",
  },
  product: {
    path: "/images/share/product.png",
    alt: "An IronAxis product datasheet: specifications, lead time and a quote on request",
  },
  news: {
    path: "/images/share/news.png",
    alt: "IronAxis industry news for buyers of industrial and new energy equipment",
  },
} as const;

export type ShareImage = keyof typeof SHARE_IMAGES;

export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 } as const;

export const PUBLISHER_LOGO = { path: "/images/logo.png", width: 512, height: 512 } as const;
