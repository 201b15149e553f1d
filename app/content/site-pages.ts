/** The site's own pages, each at `/<slug>`, in the order the footer and the back office list them. */
export const SITE_PAGE_SLUGS = ["contact", "about", "terms", "returns", "privacy"] as const;

export type SitePageSlug = (typeof SITE_PAGE_SLUGS)[number];

/** Link text of each page in the footer. */
export const SITE_PAGE_LINKS: Record<SitePageSlug, string> = {
  contact: "Contact us",
  about: "About IronAxis",
  terms: "Terms of sale",
  returns: "Returns and warranty",
  privacy: "Privacy",
};

export const isSitePageSlug = (slug: string): slug is SitePageSlug =>
  (SITE_PAGE_SLUGS as readonly string[]).includes(slug);
