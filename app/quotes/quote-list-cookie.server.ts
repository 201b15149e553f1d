import { createTokenCookie } from "~/lib/token-cookie.server";

const quoteList = createTokenCookie("quote_list");

/** Identifies an anonymous buyer's quote list for a year; the server keeps only its hash. */
export const quoteListCookie = quoteList.cookie;
export const readQuoteListToken = quoteList.read;
