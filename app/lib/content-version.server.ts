import { preparedOnce, sqlite } from "./db.server";

const versions = preparedOnce(() =>
  sqlite.prepare(
    "SELECT key, value FROM catalog_meta WHERE key IN ('catalog_version', 'news_version', 'pages_version')",
  ),
);

/**
 * Counters bumped by triggers on every catalog, news or site page write. Every process reads them (a few
 * microseconds) to know whether its catalog index and cached pages still match the database.
 */
export function readContentVersions(): { catalog: number; news: number; pages: number } {
  const rows = versions().all() as { key: string; value: number }[];
  const value = (key: string) => rows.find((row) => row.key === key)?.value ?? 0;
  return { catalog: value("catalog_version"), news: value("news_version"), pages: value("pages_version") };
}
