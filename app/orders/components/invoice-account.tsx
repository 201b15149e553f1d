import type { ReactNode } from "react";
import { netTermsText, type NetTerms } from "~/accounts/payment-terms";
import { formatMoney } from "~/lib/money";
import { PAYMENT_METHOD_LABEL, type InvoiceKind, type InvoicePaymentMethod } from "~/orders/invoice-rules";
import { TableScroll } from "~/components/ui/table-scroll";

type Account = {
  invoice: {
    number: string;
    kind: InvoiceKind;
    issuedOn: string;
    dueOn: string;
    terms: NetTerms | null;
    totalCents: number;
  };
  payments: { id: number; amountCents: number; receivedOn: string; method: InvoicePaymentMethod; reference: string }[];
  /** `refund`: how its money went back (`refundText`), for one that refunded money. */
  creditNotes: {
    id: number;
    number: string;
    issuedOn: string;
    amountCents: number;
    taxCents: number;
    reason: string;
    refund?: string;
  }[];
  paidCents: number;
  /** What credit notes gave back of what was paid (`refundsMoney`); they count in `creditedCents` too. */
  refundedCents: number;
  creditedCents: number;
  balanceCents: number;
};

/**
 * An order's invoice or receipt: its number and PDF, the due date, the payments received, the
 * credit notes (refunds) with their PDFs, and the balance. The same on the buyer's order page and
 * sales' (where `children` adds the payment and refund forms).
 */
export function InvoiceAccountView({
  account,
  pdfHref,
  creditNoteHref,
  children,
}: {
  account: Account;
  pdfHref: string;
  creditNoteHref: (number: string) => string;
  children?: ReactNode;
}) {
  const { invoice, payments } = account;
  const receipt = invoice.kind === "receipt";
  // The tax in each credit note, where any has some: what the buyer's books take off the tax paid.
  const creditedTax = account.creditNotes.some((note) => note.taxCents > 0);
  return (
    <section aria-labelledby="invoice-heading" className="panel">
      <h2 id="invoice-heading">
        {receipt ? "Receipt" : "Invoice"} {invoice.number}
      </h2>
      <p>
        Issued {invoice.issuedOn}
        {receipt ? null : (
          <>
            {" · "}due <strong>{invoice.dueOn}</strong>
            {invoice.terms ? ` (${netTermsText(invoice.terms)})` : ""}
          </>
        )}
        {" · "}
        <a href={pdfHref} download>
          Download the {receipt ? "receipt" : "invoice"} (PDF)
        </a>
      </p>
      <dl className="terms">
        <dt>Total</dt>
        <dd>{formatMoney(invoice.totalCents)}</dd>
        <dt>Paid</dt>
        <dd>{formatMoney(account.paidCents)}</dd>
        {/* Given back, so owed again but for its credit note below: the lines add up to the balance. */}
        {account.refundedCents ? (
          <>
            <dt>Refunded</dt>
            <dd>+{formatMoney(account.refundedCents)}</dd>
          </>
        ) : null}
        {account.creditedCents ? (
          <>
            <dt>Credited</dt>
            <dd>−{formatMoney(account.creditedCents)}</dd>
          </>
        ) : null}
        <dt>Balance due</dt>
        <dd>
          <strong>{formatMoney(account.balanceCents)}</strong>
        </dd>
      </dl>
      {payments.length ? (
        <TableScroll label="Payments received">
          <table>
            <caption>Payments received</caption>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Method</th>
                <th scope="col">Reference</th>
                <th scope="col">Amount</th>
              </tr>
            </thead>
            <tbody>
              {payments.map((payment) => (
                <tr key={payment.id}>
                  <td>{payment.receivedOn}</td>
                  <td>{PAYMENT_METHOD_LABEL[payment.method]}</td>
                  <td>{payment.reference || "—"}</td>
                  <td>{formatMoney(payment.amountCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {account.creditNotes.length ? (
        <TableScroll label="Credit notes">
          <table>
            <caption>Credit notes</caption>
            <thead>
              <tr>
                <th scope="col">Credit note</th>
                <th scope="col">Issued</th>
                <th scope="col">Reason</th>
                {creditedTax ? <th scope="col">Of which tax</th> : null}
                <th scope="col">Amount</th>
              </tr>
            </thead>
            <tbody>
              {account.creditNotes.map((note) => (
                <tr key={note.id}>
                  <td>
                    <a href={creditNoteHref(note.number)} download>
                      {note.number} (PDF)
                    </a>
                  </td>
                  <td>{note.issuedOn}</td>
                  <td>
                    {note.reason}
                    {note.refund ? <span className="muted"> · refunded {note.refund}</span> : null}
                  </td>
                  {creditedTax ? <td>{formatMoney(note.taxCents)}</td> : null}
                  <td>{formatMoney(note.amountCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {children}
    </section>
  );
}
