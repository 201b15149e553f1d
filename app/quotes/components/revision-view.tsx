import { Form } from "@remix-run/react";
import { formatMoney } from "~/lib/money";
import { incotermText, PAYMENT_TERMS_TEXT } from "~/quotes/quote-terms";
import type { PaymentTerms } from "~db/schema";
import { plural } from "~/lib/plural";
import {
  alternativeGroups,
  breaksText,
  configure,
  lineMarks,
  percentText,
  selectionField,
  type Configured,
  type PricedLine,
  type Selection,
} from "~/quotes/quote-pricing";
import { TableScroll } from "~/components/ui/table-scroll";

export type RevisionLine = PricedLine & {
  id: number;
  /** Why sales does not quote the line (its quantity 0), or empty. */
  notQuotedReason: string;
  name: string;
  partNumber: string | null;
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

/** The buyer's choices on the current quote: what is chosen, and how to change it. */
export type Choosing = {
  selection: Selection;
  /** A quantity that is not one, by its field. */
  errors: Record<string, string>;
  /** With JavaScript, each change at once; without, the form's "Recalculate" sends them. */
  onChange?: (selection: Selection) => void;
};

const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

/** (price − cost) ÷ price over the lines that have a cost, or undefined when none has. */
export function marginOf(
  lines: Pick<RevisionLine, "id" | "quantity" | "unitPriceCents">[],
  costs: Record<number, number>,
) {
  const costed = lines.filter((line) => costs[line.id] !== undefined);
  const revenue = costed.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  const cost = costed.reduce((sum, line) => sum + line.quantity * costs[line.id], 0);
  return revenue > 0 ? (revenue - cost) / revenue : undefined;
}

const marginText = (margin: number | undefined) => (margin === undefined ? "—" : percent.format(margin));

/**
 * A sent revision: priced lines, totals and terms. The same view for the buyer and for sales;
 * sales passes `costs` (unit cost by line id) and sees each line's cost and margin besides. The
 * buyer deciding on the current version passes `choosing`: alternatives become radio buttons,
 * optional lines check boxes, lines with price breaks a quantity, and the totals follow.
 */
export function RevisionView({
  revision,
  costs,
  choosing,
}: {
  revision: ShownRevision;
  costs?: Record<number, number>;
  choosing?: Choosing;
}) {
  const selection = choosing?.selection;
  const configured = configure(revision.lines, selection);
  const bought = new Map(configured.lines.map((line) => [line.position, line]));
  const groups = alternativeGroups(revision.lines);
  const nameAt = (position: number) => revision.lines.find((line) => line.position === position)?.name ?? "";
  const table = (
    <TableScroll label="Quoted lines">
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
          {revision.lines.map((line) => {
            const taken = bought.get(line.position);
            const primary = line.alternativeOf ?? line.position;
            const chosenControl = choosing && line.quantity > 0 ? choiceControl(line, primary, groups, choosing) : null;
            const quantityField = selectionField.quantity(line.position);
            const quantityError = choosing?.errors[quantityField];
            return (
              <tr key={line.id} className={taken || line.quantity === 0 ? undefined : "revision__not-taken"}>
                <td>
                  {chosenControl}
                  {chosenControl ? null : line.name}{" "}
                  {line.partNumber ? <span className="part-number mono">{line.partNumber}</span> : null}
                  {lineMarks(line, nameAt).map((mark) => (
                    <span key={mark} className="badge">
                      {mark}
                    </span>
                  ))}
                </td>
                {line.quantity === 0 ? (
                  <td colSpan={5} className="not-quoted">
                    Not quoted: {line.notQuotedReason}
                  </td>
                ) : line.kind === "discount" ? (
                  <>
                    <td>—</td>
                    <td>
                      {line.percentBp !== null
                        ? `${percentText(line.percentBp)} of the goods`
                        : choosing
                          ? "Less in proportion for fewer goods"
                          : "—"}
                    </td>
                    <td>{formatMoney(taken ? taken.amountCents : -line.unitPriceCents)}</td>
                    <td>—</td>
                    <td>—</td>
                  </>
                ) : (
                  <>
                    <td>
                      {choosing && line.priceBreaks.length ? (
                        <>
                          <input
                            name={quantityField}
                            id={quantityField}
                            aria-label={`Quantity of ${line.name}`}
                            inputMode="numeric"
                            size={6}
                            maxLength={9}
                            defaultValue={String(selection?.quantities[line.position] ?? line.quantity)}
                            aria-invalid={quantityError ? true : undefined}
                            aria-describedby={quantityError ? `${quantityField}-error` : undefined}
                            onChange={
                              choosing.onChange &&
                              ((event) => {
                                const quantity = Number(event.currentTarget.value.replace(/,/g, ""));
                                const { [line.position]: _dropped, ...others } = choosing.selection.quantities;
                                choosing.onChange!({
                                  ...choosing.selection,
                                  quantities:
                                    Number.isInteger(quantity) && quantity >= 1
                                      ? { ...others, [line.position]: quantity }
                                      : others,
                                });
                              })
                            }
                          />
                          {quantityError ? (
                            <span id={`${quantityField}-error`} className="field-error">
                              {quantityError}
                            </span>
                          ) : null}
                        </>
                      ) : (
                        (taken?.quantity ?? line.quantity)
                      )}
                    </td>
                    <td>
                      {formatMoney(taken?.unitPriceCents ?? line.unitPriceCents)}
                      {line.priceBreaks.length ? (
                        <span className="muted revision__breaks">
                          {" "}
                          (1+ at {formatMoney(line.unitPriceCents)}, {breaksText(line.priceBreaks, formatMoney)})
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {taken ? (
                        formatMoney(taken.amountCents)
                      ) : (
                        <span className="muted">
                          {formatMoney(line.quantity * line.unitPriceCents)} (not in the total)
                        </span>
                      )}
                    </td>
                    <td>{line.kind === "item" ? plural(line.leadTimeWeeks, "week") : "—"}</td>
                    <td>{line.included || "—"}</td>
                  </>
                )}
                {costs ? (
                  <>
                    <td>{costs[line.id] === undefined ? "—" : formatMoney(costs[line.id])}</td>
                    <td>{marginText(marginOf([line], costs))}</td>
                  </>
                ) : null}
              </tr>
            );
          })}
        </tbody>
        <Totals
          revision={revision}
          configured={configured}
          margin={costs ? marginText(marginOf(revision.lines, costs)) : undefined}
        />
      </table>
    </TableScroll>
  );
  return (
    <>
      {choosing ? (
        <Form method="get" className="revision-choices" preventScrollReset replace>
          {table}
          {/* Without JavaScript the total is worked out again by the server; with it, as the buyer chooses. */}
          {choosing.onChange ? null : (
            <button type="submit" className="button button--secondary">
              Recalculate the total
            </button>
          )}
        </Form>
      ) : (
        table
      )}
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

/** A radio button for a line among alternatives, a check box for an optional one, labelled by its name. */
function choiceControl(line: RevisionLine, primary: number, groups: Map<number, number[]>, choosing: Choosing) {
  const { selection, onChange } = choosing;
  const id = `choice-${line.position}`;
  if (groups.has(primary)) {
    const picked = selection.picks[primary] ?? primary;
    return (
      <label htmlFor={id} className="revision__choice">
        <input
          type="radio"
          id={id}
          name={selectionField.pick(primary)}
          value={line.position}
          defaultChecked={picked === line.position}
          onChange={
            onChange && (() => onChange({ ...selection, picks: { ...selection.picks, [primary]: line.position } }))
          }
        />{" "}
        {line.name}
      </label>
    );
  }
  if (!line.optional) return null;
  return (
    <label htmlFor={id} className="revision__choice">
      <input
        type="checkbox"
        id={id}
        name={selectionField.option(line.position)}
        value="1"
        defaultChecked={selection.options.includes(line.position)}
        onChange={
          onChange &&
          ((event) => {
            const others = selection.options.filter((position) => position !== line.position);
            onChange({ ...selection, options: event.currentTarget.checked ? [...others, line.position] : others });
          })
        }
      />{" "}
      {line.name}
    </label>
  );
}

/** The goods, charges and discounts when there are any, the total, and what of it is taxable. */
function Totals({
  revision,
  configured,
  margin,
}: {
  revision: ShownRevision;
  configured: Configured;
  margin: string | undefined;
}) {
  const span = margin === undefined ? 3 : 5;
  const row = (label: string, cents: number, strong = false) => (
    <tr key={label}>
      <th scope="row" colSpan={3}>
        {label}
      </th>
      <td colSpan={span}>{strong ? <strong>{formatMoney(cents)}</strong> : formatMoney(cents)}</td>
    </tr>
  );
  const itemized = configured.chargesCents > 0 || configured.discountCents > 0;
  return (
    <tfoot>
      {itemized ? row("Goods", configured.goodsCents) : null}
      {configured.chargesCents > 0 ? row("Charges", configured.chargesCents) : null}
      {configured.discountCents > 0 ? row("Discount", -configured.discountCents) : null}
      <tr>
        <th scope="row" colSpan={3}>
          Total (USD, {[revision.incoterm, revision.incotermPlace].filter(Boolean).join(" ")})
        </th>
        <td colSpan={3}>
          <strong aria-live="polite">{formatMoney(configured.totalCents)}</strong>
        </td>
        {margin !== undefined ? (
          <>
            <th scope="row">Margin</th>
            <td>{margin}</td>
          </>
        ) : null}
      </tr>
      {configured.taxableCents !== configured.totalCents ? row("Of which taxable", configured.taxableCents) : null}
    </tfoot>
  );
}
