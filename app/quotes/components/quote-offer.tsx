import { Form } from "@remix-run/react";
import { useRef, useState } from "react";
import { TextAreaField, TextField, useFocusOnRefusal } from "~/components/ui/field";
import { useFormResult, useIsPending, type Constraints } from "~/lib/forms";
import { CARD_LIMIT, CARD_LIMIT_TEXT, withinCardLimit, formatMoney } from "~/lib/money";
import { plural } from "~/lib/plural";
import { BUYER_QUOTE_INTENT as INTENT } from "~/quotes/quote-intents";
import { allowsPayment } from "~/quotes/quote-terms";
import { configure, hasChoices, selectionField, type Selection } from "~/quotes/quote-pricing";
import { useHydrated } from "~/lib/hydrated";
import { OrderAddressFields, type OrderAddressValues } from "~/orders/components/order-address-fields";
import { taxCents, taxRateText } from "~/orders/sales-tax";
import { RevisionChanges } from "./revision-changes";
import { RevisionView, type ShownRevision } from "./revision-view";

type Revision = ShownRevision & { id: number };

/**
 * The buyer's view of the current quote: how long it is valid, what changed, the priced lines,
 * and (while the quote allows it) accepting it by card or by invoice, or asking for changes.
 * Earlier versions stay readable below.
 */
export function QuoteOffer({
  current,
  earlier,
  accepted,
  daysLeft,
  changes,
  decidable,
  changeable,
  cardAvailable,
  pdfUrlOf,
  constraints,
  selection: chosen,
  selectionErrors,
  addresses,
  tax,
}: {
  /** What the accept forms' addresses start with. */
  addresses: OrderAddressValues;
  /** The sales tax of where that shipping address is, if it names a state. */
  tax: AcceptTax | undefined;
  /** What the buyer chose on the current version, as the page's address says (after "Recalculate"). */
  selection: Selection;
  selectionErrors: Record<string, string>;
  current: Revision;
  earlier: Revision[];
  accepted: boolean;
  daysLeft: number | undefined;
  changes: { field: string; from: string; to: string }[];
  decidable: boolean;
  changeable: boolean;
  cardAvailable: boolean;
  /** The quotation PDF of a version. */
  pdfUrlOf: (version: number) => string;
  constraints: Constraints;
}) {
  // With JavaScript the total follows each choice; without, the server's recalculation shows it.
  const hydrated = useHydrated();
  const [selection, setSelection] = useState(chosen);
  const refused = useFormResult(INTENT.accept)?.fieldErrors;
  const choosing =
    decidable && hasChoices(current.lines)
      ? { selection, errors: { ...selectionErrors, ...refused }, onChange: hydrated ? setSelection : undefined }
      : undefined;
  return (
    <section aria-labelledby="quote-heading" className="quote-offer">
      <h2 id="quote-heading">
        Our quote, version {current.version}
        {accepted ? " (accepted)" : ""}
      </h2>
      {decidable && daysLeft !== undefined ? (
        <p className="countdown" role="status">
          {daysLeft === 0
            ? "Valid until the end of today (UTC)."
            : `Valid for ${plural(daysLeft, "more day", "more days")}, until ${current.validUntil}.`}
        </p>
      ) : null}
      <RevisionChanges changes={changes} heading={`What changed since version ${current.version - 1}`} />
      {choosing ? (
        <p>
          Choose among the alternatives and options, and the quantities of lines with price breaks: the total follows.
        </p>
      ) : null}
      <RevisionView revision={current} choosing={choosing} />
      <p>
        <a href={pdfUrlOf(current.version)} download>
          Download version {current.version} as PDF
        </a>
      </p>
      {decidable || changeable ? (
        <div className="decision">
          {decidable ? (
            <AcceptForms
              revision={current}
              selection={selection}
              cardAvailable={cardAvailable}
              constraints={constraints}
              addresses={addresses}
              tax={tax}
            />
          ) : null}
          <ChangesForm constraints={constraints} />
        </div>
      ) : null}
      {earlier.length ? (
        <details>
          <summary>Earlier versions</summary>
          {[...earlier].reverse().map((revision) => (
            // Each version has its own address on the page: #version-2 (the details open on it).
            <section key={revision.id} id={`version-${revision.version}`} aria-label={`Version ${revision.version}`}>
              <h3>Version {revision.version} (superseded)</h3>
              <RevisionView revision={revision} />
              <p>
                <a href={pdfUrlOf(revision.version)} download>
                  Download version {revision.version} as PDF
                </a>
              </p>
            </section>
          ))}
        </details>
      ) : null}
    </section>
  );
}

/** The sales tax of the accept forms' shipping address: its state, rate and the company's certificate there. */
export type AcceptTax = { state: string; rate: number; exemptionNumber: string | null };

/** What the buyer is told of sales tax before accepting: the quote's prices are before tax. */
function taxNote(tax: AcceptTax | undefined, taxableCents: number, totalCents: number) {
  if (!tax) return "Sales tax of the state the order ships to is added to the quote’s total when you accept.";
  if (tax.exemptionNumber)
    return `Shipped to ${tax.state}, the order is tax-exempt on your company’s certificate ${tax.exemptionNumber}.`;
  const cents = taxCents(taxableCents, tax.rate);
  return `Shipped to ${tax.state}, sales tax of ${taxRateText(tax.rate)} adds ${formatMoney(cents)}: ${formatMoney(totalCents + cents)} in all. Another state’s rate applies if you ship elsewhere; a card payment’s tax is shown on the payment page before you pay.`;
}

/** Accepting the current version, in each way its payment terms allow. */
function AcceptForms({
  revision,
  selection,
  cardAvailable,
  constraints,
  addresses,
  tax,
}: {
  revision: Revision;
  selection: Selection;
  cardAvailable: boolean;
  constraints: Constraints;
  addresses: OrderAddressValues;
  tax: AcceptTax | undefined;
}) {
  const answer = useFormResult(INTENT.accept);
  const accepting = useIsPending({ intent: INTENT.accept });
  const paying = useIsPending({ intent: INTENT.pay });
  const busy = accepting || paying;
  const byInvoice = allowsPayment(revision.paymentTerms, "invoice");
  const { totalCents, taxableCents } = configure(revision.lines, selection);
  // What a button offers to pay: the quote's total, and its tax when some is added (the note above says how much).
  const toPay = `${formatMoney(totalCents)}${taxableCents > 0 && !tax?.exemptionNumber ? " plus sales tax" : ""}`;
  // Each way of paying is a form of its own: what came back belongs to the one that was sent.
  const resultOf = (method: "card" | "invoice") => (answer?.values.method === method ? answer : undefined);
  const result = resultOf("invoice");
  const cardForm = useRef<HTMLFormElement>(null);
  const invoiceForm = useRef<HTMLFormElement>(null);
  useFocusOnRefusal(cardForm, resultOf("card"));
  const refusedAt = useFocusOnRefusal(invoiceForm, result);
  // The buyer's choices go with the acceptance: the order is made of exactly them.
  const accept = (method: "card" | "invoice") => (
    <>
      <input type="hidden" name="intent" value={INTENT.accept} />
      <input type="hidden" name="revisionId" value={revision.id} />
      <input type="hidden" name="method" value={method} />
      {Object.entries(selection.picks).map(([primary, position]) => (
        <input key={primary} type="hidden" name={selectionField.pick(Number(primary))} value={position} />
      ))}
      {selection.options.map((position) => (
        <input key={position} type="hidden" name={selectionField.option(position)} value="1" />
      ))}
      {Object.entries(selection.quantities).map(([position, quantity]) => (
        <input key={position} type="hidden" name={selectionField.quantity(Number(position))} value={quantity} />
      ))}
      <OrderAddressFields
        idPrefix={`accept-${method}`}
        result={resultOf(method)}
        prefill={addresses}
        constraints={constraints}
      />
    </>
  );
  return (
    <>
      {taxableCents > 0 ? <p className="muted">{taxNote(tax, taxableCents, totalCents)}</p> : null}
      {allowsPayment(revision.paymentTerms, "card") ? (
        !withinCardLimit(totalCents) ? (
          <p className="muted">{byInvoice ? CARD_LIMIT_TEXT : `${CARD_LIMIT}; please write to sales below.`}</p>
        ) : cardAvailable ? (
          <Form method="post" className="panel" aria-label="Accept and pay by card" ref={cardForm}>
            {accept("card")}
            <button type="submit" className="button" aria-disabled={busy || undefined}>
              {busy ? "Opening the payment page…" : `Accept version ${revision.version} and pay ${toPay} by card`}
            </button>
          </Form>
        ) : (
          <p className="muted">
            Card payment is not available at the moment
            {byInvoice ? ": you can accept and pay by invoice." : "; please write to sales below."}
          </p>
        )
      ) : null}
      {byInvoice ? (
        <Form
          method="post"
          className="panel"
          encType="multipart/form-data"
          aria-label="Accept and pay by invoice"
          ref={invoiceForm}
        >
          {accept("invoice")}
          <TextField
            id="po-number"
            name="poNumber"
            label="Your purchase order (PO) number"
            {...constraints.poNumber}
            // Needed for this way of paying only: the schema asks for it when the method is invoice.
            required
            defaultValue={result?.values.poNumber ?? ""}
            error={result?.fieldErrors.poNumber}
            autoFocus={refusedAt("poNumber")}
          />
          <TextField
            id="po-document"
            name="poDocument"
            type="file"
            accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
            label="Your purchase order document (optional)"
            hint="PDF, PNG or JPEG, up to 10 MB"
            error={result?.fieldErrors.poDocument}
            autoFocus={refusedAt("poDocument")}
          />
          <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
            Accept version {revision.version} and pay {toPay} by invoice
          </button>
        </Form>
      ) : null}
    </>
  );
}

/** Asking sales for a revised quote. */
function ChangesForm({ constraints }: { constraints: Constraints }) {
  const result = useFormResult(INTENT.requestChanges);
  const form = useRef<HTMLFormElement>(null);
  const refusedAt = useFocusOnRefusal(form, result);
  return (
    <Form method="post" className="panel" ref={form}>
      <input type="hidden" name="intent" value={INTENT.requestChanges} />
      <TextAreaField
        id="changes-body"
        name="body"
        label="Ask for changes"
        rows={3}
        {...constraints.body}
        defaultValue={result?.values.body ?? ""}
        error={result?.fieldErrors.body}
        autoFocus={refusedAt("body")}
      />
      <button type="submit" className="button button--secondary">
        Ask for changes
      </button>
    </Form>
  );
}
