import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef, type InputHTMLAttributes } from "react";
import { usePartSuggestions } from "~/catalog/components/part-suggestions";
import { formatDateTimeUtc } from "~/lib/dates";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { useFormResult, useIsPending, type Constraints } from "~/lib/forms";
import { SALES_QUOTE_INTENT } from "~/quotes/quote-intents";
import { INCOTERMS } from "~/quotes/quote-request-fields";
import { addedField, alternativeRef, lineField, PAYMENT_TERMS_OPTIONS } from "~/quotes/quote-terms";
import { LINE_KIND_TEXT, LINE_KINDS } from "~/quotes/quote-pricing";
import { TableScroll } from "~/components/ui/table-scroll";

const INTENT = SALES_QUOTE_INTENT.sendRevision;
const SAVE_DRAFT = SALES_QUOTE_INTENT.saveDraft;
const AUTOSAVE_DELAY_MS = 1500;
/** Room for four breaks as typed: "1,000,000+ 10,000,000.00; …". */
const BREAKS_WORDS = 160;

/** The inputs of a requested line's row; `words` is the longest text a field takes. */
const LINE_INPUTS = [
  { field: "qty", label: "Quantity", inputMode: "numeric", words: undefined },
  { field: "price", label: "Unit price", inputMode: "decimal", words: undefined },
  { field: "breaks", label: "Price breaks", inputMode: undefined, words: BREAKS_WORDS },
  { field: "weeks", label: "Lead time in weeks", inputMode: "numeric", words: undefined },
  { field: "included", label: "Included", inputMode: undefined, words: 500 },
  { field: "cost", label: "Unit cost", inputMode: "decimal", words: undefined },
  { field: "reason", label: "Not quoted because", inputMode: undefined, words: 500 },
] as const;

/** The inputs of a line sales adds, after its kind. */
const ADDED_INPUTS = [
  { field: "part", heading: "Catalog part number", label: "Catalog part number", inputMode: undefined, words: 64 },
  { field: "name", heading: "Or your own line", label: "Description", inputMode: undefined, words: 200 },
  { field: "qty", heading: "Qty", label: "Quantity", inputMode: "numeric", words: undefined },
  {
    field: "price",
    heading: "Unit price (USD); discount: amount or %",
    label: "Unit price",
    inputMode: undefined,
    words: undefined,
  },
  { field: "breaks", heading: "Price breaks", label: "Price breaks", inputMode: undefined, words: BREAKS_WORDS },
  { field: "weeks", heading: "Lead time (weeks)", label: "Lead time in weeks", inputMode: "numeric", words: undefined },
  { field: "included", heading: "Included", label: "Included", inputMode: undefined, words: 500 },
  { field: "cost", heading: "Unit cost (USD, internal)", label: "Unit cost", inputMode: "decimal", words: undefined },
] as const;

type Line = { id: number; name: string; partNumber: string | null };

/** What every control of a table row carries: its name, its label for the row, and its problem's marks. */
const cellControl = (name: string, label: string, error: string | undefined) => ({
  id: name,
  name,
  "aria-label": label,
  "aria-invalid": error ? true : undefined,
  "aria-describedby": error ? `${name}-error` : undefined,
});

/** A control's problem, below it. */
function CellError({ name, error }: { name: string; error: string | undefined }) {
  return error ? (
    <span id={`${name}-error`} className="field-error">
      {error}
    </span>
  ) : null;
}

/**
 * One input of a table row. Without `maxLength` it takes a number typed as text ("1,250.50"): 20
 * characters are enough for any the schema takes.
 */
function CellInput({
  name,
  label,
  defaultValue,
  inputMode,
  maxLength,
  error,
  ...more
}: {
  name: string;
  label: string;
  defaultValue: string;
  inputMode: "numeric" | "decimal" | undefined;
  maxLength: number | undefined;
  error: string | undefined;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "inputMode">) {
  return (
    <>
      <input
        {...more}
        {...cellControl(name, label, error)}
        defaultValue={defaultValue}
        inputMode={inputMode}
        maxLength={maxLength ?? 20}
        size={maxLength ? 20 : 8}
      />
      <CellError name={name} error={error} />
    </>
  );
}

/** A check box of a table row. */
function CellCheckbox({
  name,
  label,
  checked,
  error,
}: {
  name: string;
  label: string;
  checked: boolean;
  error: string | undefined;
}) {
  return (
    <>
      <input type="checkbox" value="1" {...cellControl(name, label, error)} defaultChecked={checked} />
      <CellError name={name} error={error} />
    </>
  );
}

/** A choice of a table row. */
function CellSelect({
  name,
  label,
  defaultValue,
  options,
  error,
}: {
  name: string;
  label: string;
  defaultValue: string;
  options: readonly (readonly [string, string])[];
  error: string | undefined;
}) {
  return (
    <>
      <select {...cellControl(name, label, error)} defaultValue={defaultValue}>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
      <CellError name={name} error={error} />
    </>
  );
}

/**
 * The next revision: a priced row for each requested line, then the terms. Filled in from the
 * last revision (or list prices and lead times); sent back, it shows what was typed and each
 * problem at its field.
 */
/** The terms offered while the site takes no cards: none chosen first, card only marked as not payable. */
const TERMS_WITHOUT_CARDS = [
  ["", "Choose the terms"],
  ...PAYMENT_TERMS_OPTIONS.map(([terms, text]) =>
    terms === "card" ? ([terms, `${text} (cannot be paid now)`] as const) : ([terms, text] as const),
  ),
] as const;

export function RevisionForm({
  lines,
  catalogPrices,
  nextVersion,
  today,
  defaults,
  constraints,
  addedSlots,
  draft,
  cardPayments,
  companyTerms,
}: {
  lines: Line[];
  /** The request's company's own terms and credit left, in words; none for a buyer outside a company. */
  companyTerms: string | undefined;
  /** Whether the site takes cards now: without, card-only terms are marked and must be chosen away from. */
  cardPayments: boolean;
  /** What the catalog asks this buyer for each requested product, in words, by request line id. */
  catalogPrices: Record<number, string>;
  /** When the draft in the form was last saved, and by whom; undefined without one. */
  draft: { savedAt: string; savedBy: string | null } | undefined;
  /** How many rows for added lines to show. */
  addedSlots: number;
  nextVersion: number;
  today: string;
  defaults: Record<string, string>;
  constraints: Constraints;
}) {
  const sent = useFormResult(INTENT);
  const kept = useFormResult(SAVE_DRAFT);
  const result = sent ?? kept;
  const sending = useIsPending({ intent: INTENT, state: "submitting" });
  const saving = useIsPending({ intent: SAVE_DRAFT, state: "submitting" });
  // With JavaScript the draft saves itself a moment after sales stops typing.
  const autosave = useFetcher({ key: "revision-draft" });
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const saveSoon = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!form.current) return;
      const fields = new FormData(form.current);
      fields.set("intent", SAVE_DRAFT);
      fields.set("auto", "1");
      autosave.submit(fields, { method: "post" });
    }, AUTOSAVE_DELAY_MS);
  };
  const errors: Record<string, string> = {
    ...(result?.formError ? { form: result.formError } : {}),
    ...result?.fieldErrors,
  };
  const parts = usePartSuggestions("catalog-part-suggestions");
  const value = (name: string) => (result ? result.values[name] : defaults[name]) ?? "";
  return (
    <section aria-labelledby="revise-heading">
      <h2 id="revise-heading">
        {nextVersion === 1 ? "Send the quote (v1)" : `Send a revised quote (v${nextVersion})`}
      </h2>
      <ErrorSummary errors={errors} />
      <Form
        method="post"
        className="panel revision-form"
        ref={form}
        onChange={saveSoon}
        // Sent or saved by hand: no background save after it.
        onSubmit={() => clearTimeout(timer.current)}
      >
        <TableScroll label="Lines of the request">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Qty</th>
                <th scope="col">Unit price (USD)</th>
                <th scope="col">Price breaks</th>
                <th scope="col">Lead time (weeks)</th>
                <th scope="col">Included</th>
                <th scope="col">Unit cost (USD, internal)</th>
                <th scope="col">Not quoting it? Why</th>
                <th scope="col">Optional</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.id}>
                  <th scope="row">
                    {line.name} {line.partNumber ? <span className="part-number mono">{line.partNumber}</span> : null}
                    {catalogPrices[line.id] ? (
                      <span className="muted revision-form__catalog">{catalogPrices[line.id]}</span>
                    ) : null}
                  </th>
                  {LINE_INPUTS.map(({ field, label, inputMode, words }) => {
                    const name = lineField(line.id, field);
                    return (
                      <td key={field}>
                        <CellInput
                          name={name}
                          label={`${label} for ${line.name}`}
                          defaultValue={value(name)}
                          inputMode={inputMode}
                          maxLength={words}
                          error={errors[name]}
                        />
                      </td>
                    );
                  })}
                  <td>
                    <CellCheckbox
                      name={lineField(line.id, "optional")}
                      label={`Optional: ${line.name}`}
                      checked={value(lineField(line.id, "optional")) !== ""}
                      error={errors[lineField(line.id, "optional")]}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <TableScroll label="Lines you add">
          <table className="data-table">
            <caption>
              Lines you add: a catalog product by part number, or your own line (freight, spares, commissioning)
              described in words
            </caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Kind</th>
                {ADDED_INPUTS.map(({ field, heading }) => (
                  <th key={field} scope="col">
                    {heading}
                  </th>
                ))}
                <th scope="col">Alternative to</th>
                <th scope="col">Optional</th>
                <th scope="col">Taxable (charges)</th>
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: addedSlots }, (_, i) => i + 1).map((slot) => (
                <tr key={slot}>
                  <th scope="row">Added {slot}</th>
                  <td>
                    <CellSelect
                      name={addedField(slot, "kind")}
                      label={`Kind, added line ${slot}`}
                      defaultValue={value(addedField(slot, "kind")) || "item"}
                      options={LINE_KINDS.map((kind) => [kind, LINE_KIND_TEXT[kind]] as const)}
                      error={errors[addedField(slot, "kind")]}
                    />
                  </td>
                  {ADDED_INPUTS.map(({ field, label, inputMode, words }) => {
                    const name = addedField(slot, field);
                    return (
                      <td key={field}>
                        <CellInput
                          name={name}
                          label={`${label}, added line ${slot}`}
                          defaultValue={value(name)}
                          inputMode={inputMode}
                          maxLength={words}
                          error={errors[name]}
                          // A part number or a product's name finds the catalog's matches.
                          {...(field === "part" ? parts.input : {})}
                        />
                      </td>
                    );
                  })}
                  <td>
                    <CellSelect
                      name={addedField(slot, "alt")}
                      label={`Alternative to, added line ${slot}`}
                      defaultValue={value(addedField(slot, "alt"))}
                      options={[
                        ["", "—"],
                        ...lines.map((line) => [alternativeRef.line(line.id), line.name] as const),
                        ...Array.from({ length: addedSlots }, (_, i) => i + 1)
                          .filter((other) => other !== slot)
                          .map((other) => [alternativeRef.added(other), `Added ${other}`] as const),
                      ]}
                      error={errors[addedField(slot, "alt")]}
                    />
                  </td>
                  {(["optional", "taxable"] as const).map((field) => (
                    <td key={field}>
                      <CellCheckbox
                        name={addedField(slot, field)}
                        label={`${field === "optional" ? "Optional" : "Taxable"}, added line ${slot}`}
                        checked={value(addedField(slot, field)) !== ""}
                        error={errors[addedField(slot, field)]}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        {parts.datalist}
        <p className="muted">
          Type a part number or a product&rsquo;s name into &ldquo;Catalog part number&rdquo; for the catalog&rsquo;s
          matches. Unit costs give the margin on this page; the buyer never sees them. A line with a reason is not
          quoted: the buyer sees the reason instead of a price. Price breaks are typed as &ldquo;5+ 1,100.00; 10+
          995.00&rdquo;: the buyer may then choose the quantity. An optional line is left out unless the buyer ticks it;
          an alternative is taken instead of its line if the buyer picks it. A discount is an amount (250.00) or a
          percentage of the goods (5%).
        </p>
        <div className="form-grid">
          <SelectField
            id="incoterm"
            name="incoterm"
            label="Incoterm"
            defaultValue={value("incoterm")}
            options={INCOTERMS.map((term) => [term, term] as const)}
            error={errors.incoterm}
          />
          <TextField
            id="incotermPlace"
            name="incotermPlace"
            label="Named place"
            hint="Where the Incoterm hands over: Houston, TX for FCA; the buyer's site for DAP"
            {...constraints.incotermPlace}
            defaultValue={value("incotermPlace")}
            error={errors.incotermPlace}
          />
          <TextField
            id="validUntil"
            name="validUntil"
            type="date"
            label="Valid until"
            min={today}
            defaultValue={value("validUntil")}
            error={errors.validUntil}
          />
          <SelectField
            id="paymentTerms"
            name="paymentTerms"
            label="Payment terms"
            defaultValue={value("paymentTerms")}
            options={cardPayments ? PAYMENT_TERMS_OPTIONS : TERMS_WITHOUT_CARDS}
            hint={
              [cardPayments ? "" : "The site takes no cards now (Stripe is not configured).", companyTerms ?? ""]
                .filter(Boolean)
                .join(" ") || undefined
            }
            error={errors.paymentTerms}
          />
        </div>
        <TextAreaField
          id="notes"
          name="notes"
          label="Notes to the buyer"
          rows={3}
          {...constraints.notes}
          defaultValue={value("notes")}
          error={errors.notes}
        />
        <div className="form-actions">
          {/* First in the form, so Enter in a field keeps a draft rather than sending the quote. */}
          <button
            type="submit"
            name="intent"
            value={SAVE_DRAFT}
            className="button button--secondary"
            aria-disabled={saving || sending || undefined}
          >
            {saving ? "Saving…" : "Save draft"}
          </button>
          <button type="submit" name="intent" value={INTENT} className="button" aria-disabled={sending || undefined}>
            {sending ? "Sending…" : `Send v${nextVersion} to the buyer`}
          </button>
          <p className="muted" role="status">
            {autosave.state !== "idle"
              ? "Saving the draft…"
              : draft
                ? `Draft saved ${formatDateTimeUtc(draft.savedAt)}${draft.savedBy ? ` by ${draft.savedBy}` : ""}: the buyer sees nothing until it is sent.`
                : ""}
          </p>
        </div>
      </Form>
    </section>
  );
}
