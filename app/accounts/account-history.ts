/** Rows per page of the account's quote requests and of its orders. */
export const HISTORY_PAGE_SIZE = 25;

/** A row of the account's history: a quote request or an order, with its private link when it can be opened. */
export type HistoryRow = {
  kind: "quote" | "order";
  id: number;
  reference: string;
  status: string;
  createdAt: string;
  contactName: string;
  email: string;
  totalCents: number | null;
  href: string | undefined;
};
