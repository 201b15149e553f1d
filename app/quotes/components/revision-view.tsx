import { formatMoney } from "~/lib/money";
import { incotermText, PAYMENT_TERMS_TEXT } from "~/quotes/quote-terms";
import type { PaymentTerms } from "~db/schema";
import { plural } from "~/lib/plural";

type RevisionLine = {
  id: number;
  /** Why sales does not quote the line (its quantity 0), or empty. */
  notQuotedReason: string;
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

const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

/** (price − cost) ÷ price over the lines that have a cost, or undefined when none has. */
export function marginOf(lines: RevisionLine[], costs: Record<number, number>) {
  const costed = lines.filter((line) => costs[line.id] !== undefined);
  const revenue = costed.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  const cost = costed.reduce((sum, line) => sum + line.quantity * costs[line.id], 0);
  return revenue > 0 ? (revenue - cost) / revenue : undefined;
}

const marginText = (margin: number | undefined) => (margin === undefined ? "—" : percent.format(margin));

/**
 * A sent revision: priced lines, total and terms. The same view for the buyer and for sales;
 * sales passes `costs` (unit cost by line id) and sees each line's cost and margin besides.
 */
export function RevisionView({ revision, costs }: { revision: ShownRevision; costs?: Record<number, number> }) {
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
            {costs ? (
              <>
                <th scope="col">Unit cost</th>
                <th scope="col">Margin</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {revision.lines.map((line) => (
            <tr key={line.id}>
              <td>
                {line.name} {line.partNumber ? <span className="part-number mono">{line.partNumber}</span> : null}
              </td>
              {line.quantity > 0 ? (
                <>
                  <td>{line.quantity}</td>
                  <td>{formatMoney(line.unitPriceCents)}</td>
                  <td>{formatMoney(line.quantity * line.unitPriceCents)}</td>
                  <td>{plural(line.leadTimeWeeks, "week")}</td>
                  <td>{line.included || "—"}</td>
                </>
              ) : (
                <td colSpan={5} className="not-quoted">
                  Not quoted: {line.notQuotedReason}
                </td>
              )}
              {costs ? (
                <>
                  <td>{costs[line.id] === undefined ? "—" : formatMoney(costs[line.id])}</td>
                  <td>{marginText(marginOf([line], costs))}</td>
                </>
              ) : null}
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
            {costs ? (
              <>
                <th scope="row">Margin</th>
                <td>{marginText(marginOf(revision.lines, costs))}</td>
              </>
            ) : null}
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
