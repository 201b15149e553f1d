import { sql } from "drizzle-orm";
import {
  blob,
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";
import { COMPANY_PAYMENT_TERMS, NET_TERMS } from "../app/accounts/payment-terms";
import { CARRIERS } from "../app/orders/carriers";
import { ORDER_STATUSES } from "../app/orders/order-lifecycle";
import { QUOTE_STATUSES } from "../app/quotes/quote-lifecycle";
import { QUOTE_REMINDER_KINDS } from "../app/quotes/quote-reminder-kinds";
import { TAX_CERTIFICATE_STATES } from "../app/accounts/tax-exemption";
import { PAYMENT_TERMS } from "../app/quotes/quote-terms";
import { LINE_KINDS } from "../app/quotes/quote-pricing";
import type { PriceBreak } from "../app/lib/price-breaks";
import { APPROVAL_STATES } from "../app/quotes/quote-approval";
import { OUTBOX_ATTACHMENT_KINDS, OUTBOX_STATUSES } from "../app/admin/back-office";
import { INVOICE_KINDS, OVERDUE_STAGES, PAYMENT_METHODS } from "../app/orders/invoice-rules";
import { TAX_STATUSES } from "../app/orders/sales-tax";

/** Times are stored as UTC ISO-8601 strings; SQLite compares them correctly as text. */
const createdAt = (name = "created_at") =>
  text(name)
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
 * (certifications). Ticked values of a `matchAll` spec all must be present (a buyer ticking ATEX
 * and IECEx wants both); of any other, any one.
 */
export const specDefinitions = sqliteTable(
  "spec_definitions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    unit: text("unit"),
    kind: text("kind", { enum: ["number", "enum"] }).notNull(),
    matchAll: integer("match_all", { mode: "boolean" }).notNull().default(false),
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
    /** Packed weight of one unit in hundredths of a pound (1250 is 12.5 lb); null: freight counts a default. */
    shippingWeight: integer("shipping_weight_hundredths_lb"),
    leadTimeDays: integer("lead_time_days").notNull(),
    inStock: integer("in_stock", { mode: "boolean" }).notNull().default(false),
    featured: integer("featured", { mode: "boolean" }).notNull().default(false),
    imagePath: text("image_path"),
    status: text("status", { enum: ["active", "archived"] })
      .notNull()
      .default("active"),
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
 * A catalog product's quantity price breaks: from `minQuantity` units on, each costs
 * `unitPriceCents` (below the list price, lower with each break). Triggers move
 * `catalog_version`, so cached catalog pages follow.
 */
export const productPriceBreaks = sqliteTable(
  "product_price_breaks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    minQuantity: integer("min_quantity").notNull(),
    unitPriceCents: integer("unit_price_cents").notNull(),
  },
  (t) => [uniqueIndex("product_price_breaks_product_quantity_unique").on(t.productId, t.minQuantity)],
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
 * The catalog writes an in-memory catalog index can apply in place (ADR 38), one row per write
 * that also bumped `catalog_version`, by triggers: every write to a product, its specs or its
 * price breaks names the product. A process whose version moved by exactly as many rows as it
 * finds here applies them; any other move (the category tree, spec definitions, synonyms) means
 * a write it cannot follow, and it rebuilds. A trigger on the log keeps its last 10,000–11,000
 * rows.
 */
export const catalogIndexChanges = sqliteTable("catalog_index_changes", {
  seq: integer("seq").primaryKey(),
  productId: integer("product_id").notNull(),
});

/**
 * The products matching a full-text expression searches read often ("valve" in the word index),
 * read ahead by a search warm-up and shared by every process (ADR 39): one bit per product id
 * when dense, else the ids ascending, as 32-bit words. Each is the set at `catalogVersion` and
 * `changeSeq`, brought up to date when used from `catalog_index_changes`; derived, never edited.
 */
export const searchMatchSets = sqliteTable(
  "search_match_sets",
  {
    id: integer("id").primaryKey(),
    ftsTable: text("fts_table").notNull(),
    expression: text("expression").notNull(),
    catalogVersion: integer("catalog_version").notNull(),
    changeSeq: integer("change_seq").notNull(),
    dense: integer("dense", { mode: "boolean" }).notNull(),
    members: blob("members", { mode: "buffer" }).notNull(),
  },
  (t) => [uniqueIndex("search_match_sets_expression_unique").on(t.ftsTable, t.expression)],
);

/**
 * Words buyers use for the same thing, one group per row ("pasteuriser, pasteurizer"; "VFD,
 * variable frequency drive"), kept by sales in the back office. Search matches any term of a
 * group as all of them; triggers move `catalog_version`, so every process and cached page follows.
 */
export const searchSynonyms = sqliteTable("search_synonyms", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** The group's terms, comma-separated, each one word or a phrase. */
  terms: text("terms").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
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
    status: text("status", { enum: ["draft", "published"] })
      .notNull()
      .default("draft"),
    isRepost: integer("is_repost", { mode: "boolean" }).notNull().default(false),
    sourceName: text("source_name"),
    sourceUrl: text("source_url"),
    repostNotice: text("repost_notice"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("news_articles_slug_unique").on(t.slug),
    index("news_articles_published_idx").on(t.status, t.publishedOn),
  ],
);

export const newsArticleTags = sqliteTable(
  "news_article_tags",
  {
    articleId: integer("article_id")
      .notNull()
      .references(() => newsArticles.id, { onDelete: "cascade" }),
    /** The tag's slug: its address, /news/tags/<tag>. */
    tag: text("tag").notNull(),
    /** The tag as the editor wrote it, shown wherever it is. */
    label: text("label").notNull(),
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
  (t) => [
    primaryKey({ columns: [t.articleId, t.categoryId] }),
    index("news_article_categories_category_idx").on(t.categoryId, t.articleId),
  ],
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
  (t) => [
    uniqueIndex("quote_lists_token_hash_unique").on(t.tokenHash),
    index("quote_lists_updated_idx").on(t.updatedAt),
  ],
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

export type { QuoteStatus } from "../app/quotes/quote-lifecycle";

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
    /** The status link's token sealed with the link secret, so later e-mails can carry it again. */
    tokenSealed: text("token_sealed"),
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
    /** The revision the buyer accepted, once accepted. */
    acceptedRevisionId: integer("accepted_revision_id").references((): AnySQLiteColumn => quoteRevisions.id),
    /** When sales first answered (a sent revision or a message): the dashboard's response time. */
    firstRespondedAt: text("first_responded_at"),
    /** The buyer's latest message or action, and when sales last opened the request: unread marks. */
    buyerActivityAt: text("buyer_activity_at"),
    salesSeenAt: text("sales_seen_at"),
    /** The buyer account that sent it, or that claimed it after proving its e-mail; null for a guest's. */
    customerId: integer("customer_id").references((): AnySQLiteColumn => customers.id, { onDelete: "set null" }),
    /** The company it belongs to: it stays there when its buyer leaves the company. */
    companyId: integer("company_id").references((): AnySQLiteColumn => companies.id, { onDelete: "restrict" }),
    /** The sales user who answers it: at first its company's account owner, else nobody until assigned. */
    ownerId: integer("owner_id").references((): AnySQLiteColumn => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("quote_requests_reference_unique").on(t.reference),
    uniqueIndex("quote_requests_token_hash_unique").on(t.tokenHash),
    uniqueIndex("quote_requests_submission_key_unique").on(t.submissionKey),
    index("quote_requests_status_idx").on(t.status, t.createdAt),
    index("quote_requests_company_idx").on(t.companyId, t.createdAt),
    index("quote_requests_customer_idx").on(t.customerId, t.createdAt),
    // The inbox's "My requests" and "Unassigned".
    index("quote_requests_owner_idx").on(t.ownerId, t.createdAt),
    // The dashboard's weekly figures read requests by when they were created.
    index("quote_requests_created_idx").on(t.createdAt),
    // A signed-in buyer's guest history is found by the e-mail it was sent from, in any case.
    index("quote_requests_email_idx").on(sql`lower(${t.email})`),
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

export const QUOTE_EVENT_KINDS = ["status", "owner", "approval", "contact"] as const;

/**
 * Every status change of a request, with who made it and when; for sales only, each change of its
 * owner (kind `owner`, in the status it had then, the change in words in `note`); and for both,
 * each change of its contact when a person leaves the buyer's company (kind `contact`, likewise).
 */
export const quoteEvents = sqliteTable(
  "quote_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: QUOTE_EVENT_KINDS }).notNull().default("status"),
    status: text("status", { enum: QUOTE_STATUSES }).notNull(),
    actor: text("actor").notNull(),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    index("quote_events_request_idx").on(t.requestId, t.id),
    // The dashboard's weekly decisions: accepted, declined, expired, withdrawn in a week.
    index("quote_events_status_idx").on(t.status, t.createdAt),
  ],
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
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at")
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    lastError: text("last_error"),
    /**
     * A document rendered when the message is sent, by kind and the id of what it shows (a
     * quotation: the revision's id). Documents are made from frozen rows, so a retry sends the same.
     */
    attachmentKind: text("attachment_kind", { enum: OUTBOX_ATTACHMENT_KINDS }),
    attachmentId: integer("attachment_id"),
    /**
     * The order or quote request a message to its contact is about: when the contact leaves their
     * company, what is still to send goes to the person who takes it over (`handOver`).
     */
    orderId: integer("order_id").references(() => orders.id, { onDelete: "set null" }),
    requestId: integer("request_id").references(() => quoteRequests.id, { onDelete: "set null" }),
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
    /**
     * Who wrote it, by name (or e-mail) as it was then: the person of the buyer's company, or the
     * sales user. "" for a guest's message, which is the request's contact's, and older messages.
     */
    authorName: text("author_name").notNull().default(""),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("quote_messages_request_idx").on(t.requestId, t.id),
    // The reminder job looks for recent buyer messages.
    index("quote_messages_author_created_idx").on(t.author, t.createdAt),
  ],
);

/** Sales' own notes on a request: never shown, sent or printed to the buyer. */
export const quoteInternalNotes = sqliteTable(
  "quote_internal_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references((): AnySQLiteColumn => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("quote_internal_notes_request_idx").on(t.requestId, t.id)],
);

/** Drawings and spec sheets sent with a request; the files live outside public/ under random names. */
export const quoteAttachments = sqliteTable(
  "quote_attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    /** The message the file came with; null for a file sent with the request itself. */
    messageId: integer("message_id").references(() => quoteMessages.id, { onDelete: "cascade" }),
    originalName: text("original_name").notNull(),
    storedName: text("stored_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("quote_attachments_request_idx").on(t.requestId),
    index("quote_attachments_message_idx").on(t.messageId),
  ],
);

export const ROLES = ["admin", "sales"] as const;
export type Role = (typeof ROLES)[number];

/** Back-office users. Passwords are argon2id hashes; e-mail is stored lower-cased. */
export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    passwordHash: text("password_hash").notNull(),
    disabledAt: text("disabled_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

/** Server-side sessions; the cookie holds a random token, the table only its hash. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: text("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("sessions_token_hash_unique").on(t.tokenHash),
    index("sessions_user_idx").on(t.userId),
    index("sessions_expires_idx").on(t.expiresAt),
  ],
);

export type { PaymentTerms } from "../app/quotes/quote-terms";

/**
 * A quote sent to the buyer. Revisions are numbered per request (v1, v2, …) and never change
 * after sending; the highest version is the current one, older ones are superseded.
 */
export const quoteRevisions = sqliteTable(
  "quote_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    incoterm: text("incoterm").notNull(),
    /** The Incoterm's named place ("Baton Rouge, LA" in "DAP Baton Rouge, LA — Incoterms 2020"). */
    incotermPlace: text("incoterm_place").notNull().default(""),
    /** The last day (YYYY-MM-DD, UTC) on which the quote can be accepted. */
    validUntil: text("valid_until").notNull(),
    paymentTerms: text("payment_terms", { enum: PAYMENT_TERMS }).notNull(),
    notes: text("notes").notNull().default(""),
    currency: text("currency").notNull().default("usd"),
    totalCents: integer("total_cents").notNull(),
    sentBy: integer("sent_by").references(() => users.id, { onDelete: "set null" }),
    sentAt: createdAt(),
  },
  (t) => [
    uniqueIndex("quote_revisions_request_version_unique").on(t.requestId, t.version),
    index("quote_revisions_valid_until_idx").on(t.validUntil),
    // The dashboard's quotes sent per week.
    index("quote_revisions_sent_idx").on(t.sentAt),
  ],
);

/** A priced line of a revision, frozen with the revision. */
export const quoteRevisionLines = sqliteTable(
  "quote_revision_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    revisionId: integer("revision_id")
      .notNull()
      .references(() => quoteRevisions.id, { onDelete: "cascade" }),
    requestLineId: integer("request_line_id").references(() => quoteRequestLines.id, { onDelete: "set null" }),
    position: integer("position").notNull(),
    productId: integer("product_id").references(() => products.id, { onDelete: "set null" }),
    partNumber: text("part_number"),
    name: text("name").notNull(),
    quantity: integer("quantity").notNull(),
    unitPriceCents: integer("unit_price_cents").notNull(),
    leadTimeWeeks: integer("lead_time_weeks").notNull(),
    included: text("included").notNull().default(""),
    /** What the line costs IronAxis per unit, for sales' margin; never shown to the buyer. */
    costCents: integer("cost_cents"),
    /** Why sales does not quote this requested line (shown to the buyer); its quantity is then 0. */
    notQuotedReason: text("not_quoted_reason").notNull().default(""),
    /** Goods, a charge (freight, crating, commissioning) or a discount. */
    kind: text("kind", { enum: LINE_KINDS }).notNull().default("item"),
    /** A discount of a percentage of the goods, in basis points; null for an amount (`unitPriceCents`). */
    percentBp: integer("percent_bp"),
    /** Lower unit prices from larger quantities; the buyer may then choose the quantity. */
    priceBreaks: text("price_breaks", { mode: "json" }).$type<PriceBreak[]>().notNull().default([]),
    /** The buyer may tick it; it is left out unless ticked. */
    optional: integer("optional", { mode: "boolean" }).notNull().default(false),
    /** The position of the line this one is an alternative to, in the same revision: the buyer takes one. */
    alternativeOf: integer("alternative_of"),
    taxable: integer("taxable", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [index("quote_revision_lines_revision_idx").on(t.revisionId, t.position)],
);

/**
 * The next revision as sales has typed it so far: the form's fields, saved by hand or as sales
 * types. One per request; sending the revision removes it.
 */
export const quoteDrafts = sqliteTable("quote_drafts", {
  requestId: integer("request_id")
    .primaryKey()
    .references(() => quoteRequests.id, { onDelete: "cascade" }),
  /** The form's fields as typed, a JSON object of strings. */
  fields: text("fields", { mode: "json" }).$type<Record<string, string>>().notNull(),
  savedBy: integer("saved_by").references(() => users.id, { onDelete: "set null" }),
  savedAt: text("saved_at").notNull(),
  /** Where the draft stands with an admin's approval (`quote-approval.ts`); null when none was asked. */
  approval: text("approval", { enum: APPROVAL_STATES }),
  /** Why it needs approval, in words ("Discount 12% is over the 10% allowed"), one per line. */
  approvalReasons: text("approval_reasons").notNull().default(""),
  /** Why the admin declined it, for sales. */
  approvalNote: text("approval_note").notNull().default(""),
  approvalAskedBy: integer("approval_asked_by").references(() => users.id, { onDelete: "set null" }),
});

/**
 * When a revision needs an admin's approval before it goes to the buyer: a discount above
 * `maxDiscountBp` of the goods, or a margin below `minMarginBp` (basis points; null: no such
 * rule). One row, id 1.
 */
export const quoteApprovalRules = sqliteTable("quote_approval_rules", {
  id: integer("id").primaryKey(),
  maxDiscountBp: integer("max_discount_bp"),
  minMarginBp: integer("min_margin_bp"),
  updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: text("updated_at").notNull(),
});

/**
 * A reminder sent about a request, one per kind and subject (the revision about to expire, the
 * request or the buyer message left unanswered): the unique index makes the job idempotent across
 * processes and runs.
 */
export const quoteReminders = sqliteTable(
  "quote_reminders",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id")
      .notNull()
      .references(() => quoteRequests.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: QUOTE_REMINDER_KINDS }).notNull(),
    subjectId: integer("subject_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("quote_reminders_kind_subject_unique").on(t.kind, t.subjectId),
    index("quote_reminders_request_idx").on(t.requestId),
  ],
);

/** Buyer carts for list-priced items, found like quote lists by the hash of a cookie token. */
export const carts = sqliteTable(
  "carts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("carts_token_hash_unique").on(t.tokenHash), index("carts_updated_idx").on(t.updatedAt)],
);

export const cartLines = sqliteTable(
  "cart_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cartId: integer("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("cart_lines_product_unique").on(t.cartId, t.productId),
    index("cart_lines_product_idx").on(t.productId),
  ],
);

export type { OrderStatus } from "../app/orders/order-lifecycle";

/**
 * An order: a cart checkout, or an accepted quote revision. Amounts are integer cents fixed
 * at creation from our prices. The buyer reaches it through an unguessable link.
 */
export const orders = sqliteTable(
  "orders",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reference: text("reference").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The buyer's private link sealed under the link secret, for later e-mails (like quote requests'). */
    tokenSealed: text("token_sealed"),
    /** Our idempotency key: a double submit of the same checkout form creates one order. */
    submissionKey: text("submission_key").notNull(),
    status: text("status", { enum: ORDER_STATUSES }).notNull().default("pending_payment"),
    paymentMethod: text("payment_method", { enum: ["card", "invoice"] }).notNull(),
    quoteRequestId: integer("quote_request_id").references(() => quoteRequests.id, { onDelete: "restrict" }),
    quoteRevisionId: integer("quote_revision_id").references(() => quoteRevisions.id, { onDelete: "restrict" }),
    company: text("company").notNull(),
    contactName: text("contact_name").notNull().default(""),
    email: text("email").notNull(),
    shippingAddress: text("shipping_address").notNull().default(""),
    /** Where the invoice is addressed; "" on orders placed before it was asked (the shipping address then). */
    billingAddress: text("billing_address").notNull().default(""),
    poNumber: text("po_number").notNull().default(""),
    poAttachmentName: text("po_attachment_name"),
    poAttachmentStoredName: text("po_attachment_stored_name"),
    currency: text("currency").notNull().default("usd"),
    /** Lines plus tax. */
    totalCents: integer("total_cents").notNull(),
    /** The sales tax line, in the total (`app/orders/sales-tax.ts`). */
    taxCents: integer("tax_cents").notNull().default(0),
    taxStatus: text("tax_status", { enum: TAX_STATUSES }).notNull().default("none"),
    /** The rate charged, in thousandths of a percent; null when none was worked out. */
    taxRate: integer("tax_rate"),
    /** The state the tax is for: where the order ships. */
    taxState: text("tax_state"),
    /** The buyer company's exemption certificate number, on an exempt order. */
    taxExemptionNumber: text("tax_exemption_number"),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    flaggedReason: text("flagged_reason"),
    /** The payment intent of a flagged payment (a mismatch, a late or a second payment): what a refund of it goes back to. */
    flaggedPaymentIntentId: text("flagged_payment_intent_id"),
    /** What Stripe charged in a flagged card payment (a mismatch, a late payment), in `flaggedCurrency`. */
    flaggedAmountCents: integer("flagged_amount_cents"),
    flaggedCurrency: text("flagged_currency"),
    /** Why the order was cancelled, in the words the buyer was sent. */
    cancelReason: text("cancel_reason"),
    paidAt: text("paid_at"),
    /** The company's net terms an invoice order was placed on; null for card orders and buyers without terms. */
    paymentTerms: text("payment_terms", { enum: NET_TERMS }),
    customerId: integer("customer_id").references((): AnySQLiteColumn => customers.id, { onDelete: "set null" }),
    companyId: integer("company_id").references((): AnySQLiteColumn => companies.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("orders_company_idx").on(t.companyId, t.createdAt),
    index("orders_customer_idx").on(t.customerId, t.createdAt),
    index("orders_email_idx").on(sql`lower(${t.email})`),
    uniqueIndex("orders_reference_unique").on(t.reference),
    uniqueIndex("orders_token_hash_unique").on(t.tokenHash),
    uniqueIndex("orders_submission_key_unique").on(t.submissionKey),
    index("orders_status_idx").on(t.status, t.createdAt),
    index("orders_quote_request_idx").on(t.quoteRequestId),
  ],
);

/**
 * A card payment Stripe reported for an order whose flagged payment sales has not resolved yet
 * (a third payment, or one more while a mismatch is checked): it waits here, whole, and is
 * applied again as Stripe reported it when that flag is resolved, so it is neither lost nor
 * written over the flag being checked. Once per payment intent.
 */
export const waitingPayments = sqliteTable(
  "waiting_payments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    paymentIntentId: text("payment_intent_id").notNull(),
    /** The Checkout Session as Stripe reported it (JSON), and how: completed, or its async payment succeeded. */
    session: text("session").notNull(),
    outcome: text("outcome", { enum: ["completed", "async_succeeded"] }).notNull(),
    actor: text("actor").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("waiting_payments_payment_intent_unique").on(t.paymentIntentId),
    index("waiting_payments_order_idx").on(t.orderId, t.id),
  ],
);

export const orderLines = sqliteTable(
  "order_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    productId: integer("product_id").references(() => products.id, { onDelete: "set null" }),
    partNumber: text("part_number"),
    name: text("name").notNull(),
    quantity: integer("quantity").notNull(),
    /** Negative for a discount: Checkout takes discounts as a coupon (ADR 27). */
    unitPriceCents: integer("unit_price_cents").notNull(),
    kind: text("kind", { enum: LINE_KINDS }).notNull().default("item"),
    taxable: integer("taxable", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [index("order_lines_order_idx").on(t.orderId, t.position)],
);

/** Every Stripe Checkout Session made for an order; an order may need several (abandon, retry). */
export const checkoutSessions = sqliteTable(
  "checkout_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    stripeSessionId: text("stripe_session_id").notNull(),
    url: text("url").notNull(),
    status: text("status", { enum: ["open", "complete", "expired"] })
      .notNull()
      .default("open"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("checkout_sessions_stripe_unique").on(t.stripeSessionId),
    index("checkout_sessions_order_idx").on(t.orderId, t.status),
  ],
);

/** Webhook events already handled: a replay of the same event id is acknowledged and ignored. */
export const stripeEvents = sqliteTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: createdAt(),
});

/**
 * A refund Stripe reported before the payment it refunds was recorded (its events came first):
 * kept until that payment is, then credited as any refund (`creditWaitingRefunds`). A refund of a
 * payment that is not an order's (a flagged one, another system's) stays here, unused.
 */
export const waitingRefunds = sqliteTable(
  "waiting_refunds",
  {
    stripeRefundId: text("stripe_refund_id").primaryKey(),
    paymentIntentId: text("payment_intent_id").notNull(),
    amountCents: integer("amount_cents").notNull(),
    reason: text("reason"),
    requestedBy: text("requested_by"),
    receivedAt: createdAt("received_at"),
  },
  (t) => [index("waiting_refunds_intent_idx").on(t.paymentIntentId)],
);

/** Every status change of an order, with who or what made it. */
export const orderEvents = sqliteTable(
  "order_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    status: text("status", { enum: ORDER_STATUSES }).notNull(),
    actor: text("actor").notNull(),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("order_events_order_idx").on(t.orderId, t.id)],
);

/**
 * An order's invoice (an invoice order, on terms) or receipt (a card order, once paid). Numbers
 * run gap-free within a year: the next is taken in the transaction that issues it, and an issued
 * invoice is never deleted, nor its number, order, kind, terms or amount changed (triggers refuse
 * it): corrections are credit notes.
 */
export const invoices = sqliteTable(
  "invoices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    number: text("number").notNull(),
    year: integer("year").notNull(),
    sequence: integer("sequence").notNull(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: INVOICE_KINDS }).notNull(),
    /** The UTC day it was issued, and the day it is due (a receipt: the same day). */
    issuedOn: text("issued_on").notNull(),
    dueOn: text("due_on").notNull(),
    /** The net terms it was issued on; null for a receipt. */
    terms: text("terms", { enum: NET_TERMS }),
    totalCents: integer("total_cents").notNull(),
    currency: text("currency").notNull().default("usd"),
    /** The order's contact it was addressed to, as at issue (`addressedTo`); null if issued before this was kept. */
    addressedTo: text("addressed_to"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invoices_number_unique").on(t.number),
    uniqueIndex("invoices_year_sequence_unique").on(t.year, t.sequence),
    uniqueIndex("invoices_order_unique").on(t.orderId),
    index("invoices_due_idx").on(t.kind, t.dueOn),
    index("invoices_issued_idx").on(t.issuedOn),
  ],
);

/** Money received against an invoice: part or all of it, as sales records it (or Stripe pays a receipt). */
export const invoicePayments = sqliteTable(
  "invoice_payments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    invoiceId: integer("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "restrict" }),
    amountCents: integer("amount_cents").notNull(),
    /** The UTC day the money arrived. */
    receivedOn: text("received_on").notNull(),
    method: text("method", { enum: PAYMENT_METHODS }).notNull(),
    /** The bank's or the check's reference, or Stripe's payment intent. */
    reference: text("reference").notNull().default(""),
    /** A card payment Stripe reported: its payment intent, unique, so a replayed report records nothing more. */
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    recordedBy: text("recorded_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("invoice_payments_invoice_idx").on(t.invoiceId, t.id),
    uniqueIndex("invoice_payments_stripe_payment_intent_unique").on(t.stripePaymentIntentId),
  ],
);

/**
 * Money credited against an invoice or receipt: numbered per year like invoices (CN-2026-000001,
 * gap-free), and refunded to the card through Stripe (its refund id, unique: one credit note per
 * refund, however often Stripe reports it). Never edited or deleted (triggers in its migration).
 */
export const creditNotes = sqliteTable(
  "credit_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    number: text("number").notNull(),
    year: integer("year").notNull(),
    sequence: integer("sequence").notNull(),
    invoiceId: integer("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "restrict" }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "restrict" }),
    amountCents: integer("amount_cents").notNull(),
    /**
     * The sales tax in the amount (`creditedTaxCents`, or as sales said): what a tax return takes
     * off the tax the invoice charged.
     */
    taxCents: integer("tax_cents").notNull().default(0),
    reason: text("reason").notNull(),
    stripeRefundId: text("stripe_refund_id"),
    /** The card payment a refund through Stripe went back to: an invoice may be paid by card more than once. */
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    /**
     * A refund sales sent by hand (a wire, an ACH credit, a check): how, its reference and the UTC
     * day it was sent. Null for a refund through Stripe and for a credit that only lowered a balance.
     */
    refundMethod: text("refund_method", { enum: PAYMENT_METHODS }),
    refundReference: text("refund_reference"),
    refundedOn: text("refunded_on"),
    /** The UTC day it was issued. */
    issuedOn: text("issued_on").notNull(),
    /** The order's contact it was addressed to, as at issue (`addressedTo`); null if issued before this was kept. */
    addressedTo: text("addressed_to"),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("credit_notes_number_unique").on(t.number),
    uniqueIndex("credit_notes_year_sequence_unique").on(t.year, t.sequence),
    uniqueIndex("credit_notes_stripe_refund_unique").on(t.stripeRefundId),
    index("credit_notes_order_idx").on(t.orderId, t.id),
    index("credit_notes_issued_idx").on(t.issuedOn),
    check("credit_notes_amount_positive", sql`${t.amountCents} > 0`),
  ],
);

/** Overdue reminders sent for an invoice, one per stage: the unique index makes each go out once. */
export const invoiceReminders = sqliteTable(
  "invoice_reminders",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    invoiceId: integer("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    stage: text("stage", { enum: OVERDUE_STAGES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invoice_reminders_stage_unique").on(t.invoiceId, t.stage)],
);

/**
 * A parcel or freight load sent to the buyer: numbered within its order (1, 2, …), with its
 * carrier, tracking number and link, and when it left and arrived. The order's status stays the
 * payment's; what has shipped is the sum of its shipments' lines.
 */
export const shipments = sqliteTable(
  "shipments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    carrier: text("carrier", { enum: CARRIERS }).notNull(),
    trackingNumber: text("tracking_number").notNull(),
    /** The carrier's tracking page for the number, or the link sales typed for another carrier. */
    trackingUrl: text("tracking_url"),
    shippedAt: createdAt("shipped_at"),
    deliveredAt: text("delivered_at"),
    /** Who shipped it, as order events name actors (`sales:<e-mail>`). */
    createdBy: text("created_by").notNull(),
  },
  (t) => [
    uniqueIndex("shipments_order_number_unique").on(t.orderId, t.number),
    // The back office's Shipped queue starts from the shipments still on their way: few, whatever the history.
    index("shipments_undelivered_idx")
      .on(t.orderId)
      .where(sql`${t.deliveredAt} is null`),
  ],
);

/** How many of one order line went in a shipment. */
export const shipmentLines = sqliteTable(
  "shipment_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    shipmentId: integer("shipment_id")
      .notNull()
      .references(() => shipments.id, { onDelete: "cascade" }),
    orderLineId: integer("order_line_id")
      .notNull()
      .references(() => orderLines.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
  },
  (t) => [
    uniqueIndex("shipment_lines_line_unique").on(t.shipmentId, t.orderLineId),
    index("shipment_lines_order_line_idx").on(t.orderLineId),
  ],
);

/**
 * A catalog CSV import being applied in batches, one transaction each: who started it, how many
 * rows it has written so far (the progress the importer sees), and how it ended. `updated_at`
 * moves with every batch, so an import whose process stopped shows as interrupted.
 */
export const catalogImports = sqliteTable(
  "catalog_imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fileName: text("file_name").notNull(),
    status: text("status", { enum: ["running", "applied", "stopped"] })
      .notNull()
      .default("running"),
    /** The file's size, and how much of it the check before writing has read (the first part of the progress). */
    fileBytes: integer("file_bytes").notNull().default(0),
    checkedBytes: integer("checked_bytes").notNull().default(0),
    /** Known once the file has been checked again; 0 until then. */
    rowsToWrite: integer("rows_to_write").notNull(),
    rowsWritten: integer("rows_written").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    message: text("message"),
    startedBy: integer("started_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: text("finished_at"),
  },
  (t) => [index("catalog_imports_status_idx").on(t.status, t.id)],
);

/**
 * How far the dry run of an import file has read, under a random token its form carries, so the
 * import page can show a bar while the check runs (polled from any worker). The row goes when the
 * check ends; one a stopped process left is removed by the next check a day later.
 */
export const catalogImportChecks = sqliteTable("catalog_import_checks", {
  token: text("token").primaryKey(),
  fileBytes: integer("file_bytes").notNull(),
  checkedBytes: integer("checked_bytes").notNull().default(0),
  updatedAt: updatedAt(),
});

/**
 * Forms that would do their work twice if sent twice (money recorded, a credit note, a
 * shipment), by their page view's random key and what they did: a second sending finds its key
 * and does nothing more (`once` in `sent-forms.server.ts`).
 */
export const sentForms = sqliteTable("sent_forms", {
  key: text("key").primaryKey(),
  /** The values the form was sent with (`once`): null for keys kept before it was. */
  fingerprint: text("fingerprint"),
  createdAt: createdAt(),
});

/**
 * The site's own pages (contact, terms of sale, privacy, returns and warranty, about), written by
 * sales in the back office as Markdown. Every write bumps `pages_version` (a trigger), which
 * retires the cached copies of these pages.
 */
export const sitePages = sqliteTable("site_pages", {
  slug: text("slug").primaryKey(),
  title: text("title").notNull(),
  /** For search engines and link previews. */
  description: text("description").notNull(),
  bodyMarkdown: text("body_markdown").notNull(),
  updatedAt: updatedAt(),
  updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
});

/**
 * A message sent with the contact form; sales gets it by e-mail (through the outbox).
 * `submissionKey` (a hash) makes a form sent twice one message.
 */
export const contactMessages = sqliteTable(
  "contact_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    company: text("company").notNull(),
    email: text("email").notNull(),
    phone: text("phone").notNull().default(""),
    subject: text("subject").notNull(),
    message: text("message").notNull(),
    submissionKey: text("submission_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("contact_messages_submission_key_unique").on(t.submissionKey)],
);

export const COMPANY_ROLES = ["buyer", "approver", "company_admin"] as const;
export type CompanyRole = (typeof COMPANY_ROLES)[number];

/** A buyer's company: its people share its quote requests, orders and (later) prices and terms. */
export const companies = sqliteTable(
  "companies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    /** The sales user who looks after the company: told of its new requests and messages. */
    accountOwnerId: integer("account_owner_id").references(() => users.id, { onDelete: "set null" }),
    /** How its buyers may pay cart orders: card only, or invoice on net terms within `creditLimitCents`. */
    paymentTerms: text("payment_terms", { enum: COMPANY_PAYMENT_TERMS }).notNull().default("card"),
    /** What its unpaid invoice orders may add up to, in cents. */
    creditLimitCents: integer("credit_limit_cents").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("companies_name_idx").on(sql`lower(${t.name})`),
    index("companies_account_owner_idx").on(t.accountOwnerId),
  ],
);

/**
 * A buyer who signs in (by a code sent to their e-mail, or a passkey). E-mail is stored
 * lower-cased and proven at every sign-in. Outside a company `companyId` and `companyRole` are
 * null; leaving a company clears them and leaves the company's history where it is.
 */
export const customers = sqliteTable(
  "customers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    companyId: integer("company_id").references(() => companies.id, { onDelete: "set null" }),
    companyRole: text("company_role", { enum: COMPANY_ROLES }),
    /** What a buyer may order or accept without an approver, in cents; null: no limit. */
    spendingLimitCents: integer("spending_limit_cents"),
    lastSignInAt: text("last_sign_in_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("customers_email_unique").on(t.email), index("customers_company_idx").on(t.companyId)],
);

/** A buyer's signed-in browser; the cookie holds a random token, the table only its hash. */
export const customerSessions = sqliteTable(
  "customer_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull(),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    expiresAt: text("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("customer_sessions_token_hash_unique").on(t.tokenHash),
    index("customer_sessions_customer_idx").on(t.customerId),
    index("customer_sessions_expires_idx").on(t.expiresAt),
  ],
);

/**
 * A one-time sign-in sent by e-mail: a 6-digit code (HMAC-ed, a few attempts) and a link token
 * (256 bits, hashed). Either signs in once, within 15 minutes; using one spends both.
 */
export const signInCodes = sqliteTable(
  "sign_in_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    codeHash: text("code_hash").notNull(),
    linkTokenHash: text("link_token_hash").notNull(),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("sign_in_codes_link_token_hash_unique").on(t.linkTokenHash),
    index("sign_in_codes_email_idx").on(t.email, t.createdAt),
    index("sign_in_codes_expires_idx").on(t.expiresAt),
  ],
);

/** A colleague invited to a company by its admin; the link's token is stored as a hash. */
export const companyInvitations = sqliteTable(
  "company_invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: COMPANY_ROLES }).notNull(),
    spendingLimitCents: integer("spending_limit_cents"),
    invitedBy: integer("invited_by").references(() => customers.id, { onDelete: "set null" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: text("expires_at").notNull(),
    acceptedAt: text("accepted_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("company_invitations_token_hash_unique").on(t.tokenHash),
    index("company_invitations_company_idx").on(t.companyId, t.createdAt),
  ],
);

/** A buyer's passkey (WebAuthn credential): the fast way back after the first e-mailed code. */
export const passkeys = sqliteTable(
  "passkeys",
  {
    /** The credential ID, base64url. */
    id: text("id").primaryKey(),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    publicKey: blob("public_key", { mode: "buffer" }).notNull(),
    counter: integer("counter").notNull().default(0),
    /** JSON array of the authenticator's transports ("internal", "hybrid", "usb", …). */
    transports: text("transports").notNull().default("[]"),
    deviceType: text("device_type").notNull(),
    backedUp: integer("backed_up", { mode: "boolean" }).notNull().default(false),
    /** The buyer's own name for it ("Work laptop"). */
    name: text("name").notNull().default(""),
    createdAt: createdAt(),
    lastUsedAt: text("last_used_at"),
  },
  (t) => [index("passkeys_customer_idx").on(t.customerId)],
);

export const PASSKEY_CHALLENGE_PURPOSES = ["register", "sign-in"] as const;
export type PasskeyChallengePurpose = (typeof PASSKEY_CHALLENGE_PURPOSES)[number];

/**
 * A WebAuthn challenge the server handed out: only its hash is kept, it works once and for five
 * minutes. A registration challenge belongs to the signed-in buyer who asked for it; a sign-in
 * challenge to nobody yet (the passkey says whose it is).
 */
export const passkeyChallenges = sqliteTable(
  "passkey_challenges",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    challengeHash: text("challenge_hash").notNull(),
    purpose: text("purpose", { enum: PASSKEY_CHALLENGE_PURPOSES }).notNull(),
    customerId: integer("customer_id").references(() => customers.id, { onDelete: "cascade" }),
    expiresAt: text("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("passkey_challenges_challenge_hash_unique").on(t.challengeHash),
    index("passkey_challenges_expires_idx").on(t.expiresAt),
  ],
);

export const ADDRESS_KINDS = ["shipping", "billing"] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];

/**
 * A company's address book: where its goods go and where its invoices go, kept by its company
 * admins and offered at checkout. At most one default per company and kind.
 */
export const companyAddresses = sqliteTable(
  "company_addresses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    /** The company's own name for it ("Plant 2 receiving"). */
    label: text("label").notNull(),
    kind: text("kind", { enum: ADDRESS_KINDS }).notNull(),
    /** The address as it goes on the label or the invoice, one line per line. */
    address: text("address").notNull(),
    isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("company_addresses_company_idx").on(t.companyId, t.kind),
    uniqueIndex("company_addresses_one_default")
      .on(t.companyId, t.kind)
      .where(sql`is_default = 1`),
  ],
);

/**
 * A company's price list, set by sales: a percentage off a category (its sub-categories too,
 * unless one of them has its own), in basis points (1250 = 12.5% off).
 */
export const companyCategoryDiscounts = sqliteTable(
  "company_category_discounts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id, { onDelete: "cascade" }),
    basisPoints: integer("basis_points").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("company_category_discounts_unique").on(t.companyId, t.categoryId),
    index("company_category_discounts_category_idx").on(t.categoryId),
  ],
);

/** A company's fixed price for one list-priced product: it wins over any category discount. */
export const companyProductPrices = sqliteTable(
  "company_product_prices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    priceCents: integer("price_cents").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("company_product_prices_unique").on(t.companyId, t.productId),
    index("company_product_prices_product_idx").on(t.productId),
  ],
);

/**
 * A company's tax-exempt certificate, uploaded by its company admin and reviewed by sales. Every
 * upload is kept: a newer one replaces a pending one at once, an approved one only when the newer
 * one is approved (`app/accounts/tax-exemption.ts`). The file lives outside public/ under a random
 * name.
 */
export const taxExemptCertificates = sqliteTable(
  "tax_exempt_certificates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    state: text("state", { enum: TAX_CERTIFICATE_STATES }).notNull().default("pending"),
    /** The US state that issued it, as its two-letter code. */
    issuingState: text("issuing_state").notNull(),
    certificateNumber: text("certificate_number").notNull(),
    originalName: text("original_name").notNull(),
    storedName: text("stored_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    uploadedBy: integer("uploaded_by").references(() => customers.id, { onDelete: "set null" }),
    uploadedAt: text("uploaded_at")
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    reviewedBy: integer("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: text("reviewed_at"),
    /** The last day it exempts (YYYY-MM-DD), set when approved. */
    expiresOn: text("expires_on"),
    rejectionReason: text("rejection_reason"),
  },
  (t) => [index("tax_exempt_certificates_company_idx").on(t.companyId, t.uploadedAt)],
);

/**
 * A named list of products kept for buying again ("Line 3 spares"). A buyer in a company makes
 * it for the company (every member sees and uses it); outside one it is their own. Its name is
 * unique within its owner, whatever the case.
 */
export const savedLists = sqliteTable(
  "saved_lists",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id").references(() => companies.id, { onDelete: "cascade" }),
    /** Who made it: they (or a company admin) may rename and delete it. */
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("saved_lists_company_name_unique")
      .on(t.companyId, sql`lower(${t.name})`)
      .where(sql`company_id is not null`),
    uniqueIndex("saved_lists_own_name_unique")
      .on(t.customerId, sql`lower(${t.name})`)
      .where(sql`company_id is null`),
    index("saved_lists_customer_idx").on(t.customerId),
  ],
);

/** A product on a saved list, with how many and the buyer's note; one line per product. */
export const savedListLines = sqliteTable(
  "saved_list_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    listId: integer("list_id")
      .notNull()
      .references(() => savedLists.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    note: text("note").notNull().default(""),
    addedAt: text("added_at")
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    uniqueIndex("saved_list_lines_product_unique").on(t.listId, t.productId),
    index("saved_list_lines_product_idx").on(t.productId),
  ],
);
