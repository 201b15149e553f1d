/**
 * The limits of uploaded files, for the forms that say them (in the browser) and the server that
 * holds them alike; no server code here.
 */

/** One file, in megabytes. */
export const MAX_ATTACHMENT_MB = 10;
/** The files one request for quotation, or one message on it, may carry. */
export const MAX_ATTACHMENTS = 5;
/** A catalog CSV import, in megabytes: the largest body any form takes (the export is about 750 bytes a product). */
export const MAX_CATALOG_CSV_MB = 100;
