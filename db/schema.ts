import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";

/** Times are stored as UTC ISO-8601 strings; SQLite compares them correctly as text. */
const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);
const updatedAt = () =>
  text("updated_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const categories = sqliteTable(
  "categories",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    parentId: integer("parent_id").references((): AnySQLiteColumn => categories.id, {
      onDelete: "restrict",
    }),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("categories_slug_unique").on(t.slug), index("categories_parent_idx").on(t.parentId, t.position)],
);

/**
 * The vocabulary of specifications. `number` specs are filtered by min/max ranges and carry a
 * unit; `enum` specs are filtered by checkboxes and may hold several values per product
 * (certifications).
 */
export const specDefinitions = sqliteTable(
  "spec_definitions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    unit: text("unit"),
    kind: text("kind", { enum: ["number", "enum"] }).notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [uniqueIndex("spec_definitions_key_unique").on(t.key)],
);

export const products = sqliteTable(
  "products",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    partNumber: text("part_number").notNull(),
    /** Upper-case, letters and digits only: "pg-63/16b" and "PG6316B" are the same part. */
    partNumberKey: text("part_number_key").notNull(),
    name: text("name").notNull(),
    manufacturer: text("manufacturer").notNull(),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id, { onDelete: "restrict" }),
    summary: text("summary").notNull().default(""),
    description: text("description").notNull().default(""),
    /** List price in US cents; null means "price on request" (quote only). */
    priceCents: integer("price_cents"),
    minOrderQty: integer("min_order_qty").notNull().default(1),
    packSize: integer("pack_size").notNull().default(1),
    leadTimeDays: integer("lead_time_days").notNull(),
    inStock: integer("in_stock", { mode: "boolean" }).notNull().default(false),
    featured: integer("featured", { mode: "boolean" }).notNull().default(false),
    imagePath: text("image_path"),
    status: text("status", { enum: ["active", "archived"] }).notNull().default("active"),
    /** Spec values as words, kept by the catalog model so full-text search can match them. */
    specText: text("spec_text").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("products_slug_unique").on(t.slug),
    uniqueIndex("products_part_number_key_unique").on(t.partNumberKey),
    index("products_category_idx").on(t.categoryId, t.status),
    index("products_category_price_idx").on(t.categoryId, t.status, t.priceCents),
    index("products_featured_idx").on(t.featured, t.status),
    index("products_updated_idx").on(t.updatedAt),
  ],
);

export const productSpecs = sqliteTable(
  "product_specs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    specId: integer("spec_id")
      .notNull()
      .references(() => specDefinitions.id, { onDelete: "restrict" }),
    valueNum: real("value_num"),
    valueText: text("value_text"),
  },
  (t) => [index("product_specs_product_idx").on(t.productId, t.specId), index("product_specs_spec_idx").on(t.specId)],
);

/**
 * `catalog_version` is bumped by triggers on every catalog write, so every process can tell
 * cheaply whether its in-memory catalog index (and later its page cache) is stale.
 */
export const catalogMeta = sqliteTable("catalog_meta", {
  key: text("key").primaryKey(),
  value: integer("value").notNull(),
});

/**
 * Industry news. Bodies are Markdown, rendered and sanitised on the way out. Repost provenance
 * is data: a repost carries its notice, and a source only where one is actually known.
 */
export const newsArticles = sqliteTable(
  "news_articles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    bodyMarkdown: text("body_markdown").notNull(),
    /** Calendar date of publication, YYYY-MM-DD. */
    publishedOn: text("published_on").notNull(),
    status: text("status", { enum: ["draft", "published"] }).notNull().default("draft"),
    isRepost: integer("is_repost", { mode: "boolean" }).notNull().default(false),
    sourceName: text("source_name"),
    sourceUrl: text("source_url"),
    repostNotice: text("repost_notice"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("news_articles_slug_unique").on(t.slug), index("news_articles_published_idx").on(t.status, t.publishedOn)],
);

export const newsArticleTags = sqliteTable(
  "news_article_tags",
  {
    articleId: integer("article_id")
      .notNull()
      .references(() => newsArticles.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.tag] }), index("news_article_tags_tag_idx").on(t.tag, t.articleId)],
);

export const newsArticleCategories = sqliteTable(
  "news_article_categories",
  {
    articleId: integer("article_id")
      .notNull()
      .references(() => newsArticles.id, { onDelete: "cascade" }),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.categoryId] }), index("news_article_categories_category_idx").on(t.categoryId, t.articleId)],
);

export type NewsArticle = typeof newsArticles.$inferSelect;
export type Category = typeof categories.$inferSelect;
export type Product = typeof products.$inferSelect;
export type SpecDefinition = typeof specDefinitions.$inferSelect;

/**
 * A buyer's quote list before it is sent: anonymous, found by the hash of a random token kept
 * in the buyer's cookie, so it survives browser restarts without an account.
 */
export const quoteLists = sqliteTable(
  "quote_lists",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("quote_lists_token_hash_unique").on(t.tokenHash), index("quote_lists_updated_idx").on(t.updatedAt)],
);

/**
 * A line of a quote list: a catalog product, or (productId null) a free-form request for
 * something not in the catalog, described in the buyer's words with the specs that matter.
 */
export const quoteListLines = sqliteTable(
  "quote_list_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    listId: integer("list_id")
      .notNull()
      .references(() => quoteLists.id, { onDelete: "cascade" }),
    productId: integer("product_id").references(() => products.id, { onDelete: "restrict" }),
    quantity: integer("quantity").notNull(),
    note: text("note").notNull().default(""),
    description: text("description"),
    targetPriceCents: integer("target_price_cents"),
    /** The specs that matter to the buyer, each a must-have or a nice-to-have. */
    requirements: text("requirements", { mode: "json" }).$type<QuoteLineRequirement[]>().notNull().default([]),
    equivalentAccepted: integer("equivalent_accepted", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("quote_list_lines_product_unique").on(t.listId, t.productId),
    index("quote_list_lines_product_idx").on(t.productId),
  ],
);

export type QuoteLineRequirement = { spec: string; value: string; mustHave: boolean };

export const QUOTE_STATUSES = ["received", "in_review", "quoted", "accepted", "declined", "expired", "withdrawn"] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/**
 * A buyer's request for quotation. The buyer reaches it through an unguessable link whose
 * token is stored only as a hash; `submissionKey` makes a double submit create one request.
 */
export const quoteRequests = sqliteTable(
  "quote_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reference: text("reference").notNull(),
    tokenHash: text("token_hash").notNull(),
    submissionKey: text("submission_key").notNull(),
    status: text("status", { enum: QUOTE_STATUSES }).notNull().default("received"),
    company: text("company").notNull(),
    contactName: text("contact_name").notNull(),
    email: text("email").notNull(),
    phone: text("phone").notNull().default(""),
    country: text("country").notNull(),
    deliveryLocation: text("delivery_location").notNull().default(""),
    incoterm: text("incoterm").notNull().default(""),
    neededBy: text("needed_by"),
    message: text("message").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("quote_requests_reference_unique").on(t.reference),
    uniqueIndex("quote_requests_token_hash_unique").on(t.tokenHash),
    uniqueIndex("quote_requests_submission_key_unique").on(t.submissionKey),
    index("quote_requests_status_idx").on(t.status, t.createdAt),
  ],
);

/** What was asked for, frozen at submission: name, part number and list price as they were. */
export const quoteRequestLines = sqliteTable(
  "quote_request_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    productId: integer("product_id").references(() => products.id, { onDelete: "set null" }),
    partNumber: text("part_number"),
    name: text("name").notNull(),
    listPriceCents: integer("list_price_cents"),
    quantity: integer("quantity").notNull(),
    note: text("note").notNull().default(""),
    targetPriceCents: integer("target_price_cents"),
    requirements: text("requirements", { mode: "json" }).$type<QuoteLineRequirement[]>().notNull().default([]),
    equivalentAccepted: integer("equivalent_accepted", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [index("quote_request_lines_request_idx").on(t.requestId, t.position)],
);

/** Every status change of a request, with who made it and when. */
export const quoteEvents = sqliteTable(
  "quote_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    status: text("status", { enum: QUOTE_STATUSES }).notNull(),
    actor: text("actor").notNull(),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("quote_events_request_idx").on(t.requestId, t.id)],
);

/** Outgoing e-mail: written in the same transaction as what caused it, delivered later. */
export const outboxEmails = sqliteTable(
  "outbox_emails",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    status: text("status", { enum: ["pending", "sent", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: text("sent_at"),
  },
  (t) => [index("outbox_emails_due_idx").on(t.status, t.nextAttemptAt)],
);

/** One row per rate-limited action (a quote request, a sign-in attempt), by client key. */
export const rateLimitEvents = sqliteTable(
  "rate_limit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    action: text("action").notNull(),
    clientKey: text("client_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("rate_limit_events_lookup_idx").on(t.action, t.clientKey, t.createdAt)],
);

/** The conversation on a request between the buyer and sales. */
export const quoteMessages = sqliteTable(
  "quote_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    author: text("author", { enum: ["buyer", "sales"] }).notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("quote_messages_request_idx").on(t.requestId, t.id)],
);

/** Drawings and spec sheets sent with a request; the files live outside public/ under random names. */
export const quoteAttachments = sqliteTable(
  "quote_attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    originalName: text("original_name").notNull(),
    storedName: text("stored_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("quote_attachments_request_idx").on(t.requestId)],
);
