import { formatMoney } from "~/lib/money";
import { incotermText, PAYMENT_TERMS_TEXT } from "~/quotes/quote-terms";
import type { PaymentTerms } from "~db/schema";
import { plural } from "~/lib/plural";

type RevisionLine = {
  id: number;
  name: string;
  partNumber: string | null;
  quantity: number;
  unitPriceCents: number;
  leadTimeWeeks: number;
  included: string;
};
export type ShownRevision = {
  version: number;
  incoterm: string;
  incotermPlace: string;
  validUntil: string;
  paymentTerms: PaymentTerms;
  notes: string;
  totalCents: number;
  lines: RevisionLine[];
};

/** A sent revision: priced lines, total and terms. The same view for the buyer and for sales. */
export function RevisionView({ revision }: { revision: ShownRevision }) {
  return (
    <>
      <table className="data-table revision">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Qty</th>
            <th scope="col">Unit price</th>
            <th scope="col">Line total</th>
            <th scope="col">Lead time</th>
            <th scope="col">Included</th>
          </tr>
        </thead>
        <tbody>
          {revision.lines.map((line) => (
            <tr key={line.id}>
              <td>
                {line.name} {line.partNumber ? <span className="part-number mono">{line.partNumber}</span> : null}
              </td>
              <td>{line.quantity}</td>
              <td>{formatMoney(line.unitPriceCents)}</td>
              <td>{formatMoney(line.quantity * line.unitPriceCents)}</td>
              <td>{plural(line.leadTimeWeeks, "week")}</td>
              <td>{line.included || "—"}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total (USD, {[revision.incoterm, revision.incotermPlace].filter(Boolean).join(" ")})
            </th>
            <td colSpan={3}>
              <strong>{formatMoney(revision.totalCents)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
      <dl className="terms">
        <dt>Incoterm</dt>
        <dd>{incotermText(revision)}</dd>
        <dt>Valid until</dt>
        <dd>
          <time dateTime={revision.validUntil}>{revision.validUntil}</time>
        </dd>
        <dt>Payment</dt>
        <dd>{PAYMENT_TERMS_TEXT[revision.paymentTerms]}</dd>
        {revision.notes ? (
          <>
            <dt>Notes</dt>
            <dd className="message">{revision.notes}</dd>
          </>
        ) : null}
      </dl>
    </>
  );
}
