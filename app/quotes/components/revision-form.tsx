import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { formatDateTimeUtc } from "~/lib/dates";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { useFormResult, useIsPending, type Constraints } from "~/lib/forms";
import { SALES_QUOTE_INTENT } from "~/quotes/quote-intents";
import { INCOTERMS } from "~/quotes/quote-request-fields";
import { addedField, lineField, PAYMENT_TERMS_OPTIONS } from "~/quotes/quote-terms";

const INTENT = SALES_QUOTE_INTENT.sendRevision;
const SAVE_DRAFT = SALES_QUOTE_INTENT.saveDraft;
const AUTOSAVE_DELAY_MS = 1500;

const LINE_INPUTS = [
  { field: "qty", label: "Quantity", inputMode: "numeric" },
  { field: "price", label: "Unit price", inputMode: "decimal" },
  { field: "weeks", label: "Lead time in weeks", inputMode: "numeric" },
  { field: "included", label: "Included", inputMode: undefined },
  { field: "cost", label: "Unit cost", inputMode: "decimal" },
  { field: "reason", label: "Not quoted because", inputMode: undefined },
] as const;

/** The inputs of a line sales adds; `words` is the longest text a field takes. */
const ADDED_INPUTS = [
  { field: "part", heading: "Catalog part number", label: "Catalog part number", inputMode: undefined, words: 64 },
  { field: "name", heading: "Or your own line", label: "Description", inputMode: undefined, words: 200 },
  { field: "qty", heading: "Qty", label: "Quantity", inputMode: "numeric", words: undefined },
  { field: "price", heading: "Unit price (USD)", label: "Unit price", inputMode: "decimal", words: undefined },
  { field: "weeks", heading: "Lead time (weeks)", label: "Lead time in weeks", inputMode: "numeric", words: undefined },
  { field: "included", heading: "Included", label: "Included", inputMode: undefined, words: 500 },
  { field: "cost", heading: "Unit cost (USD, internal)", label: "Unit cost", inputMode: "decimal", words: undefined },
] as const;

type Line = { id: number; name: string; partNumber: string | null };

/**
 * One input of a table row, labelled for the row, with its problem below it. Without `maxLength`
 * it takes a number typed as text ("1,250.50"): 20 characters are enough for any the schema takes.
 */
function CellInput({
  name,
  label,
  defaultValue,
  inputMode,
  maxLength,
  error,
}: {
  name: string;
  label: string;
  defaultValue: string;
  inputMode: "numeric" | "decimal" | undefined;
  maxLength: number | undefined;
  error: string | undefined;
}) {
  return (
    <>
      <input
        id={name}
        name={name}
        aria-label={label}
        defaultValue={defaultValue}
        inputMode={inputMode}
        maxLength={maxLength ?? 20}
        size={maxLength ? 20 : 8}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
      />
      {error ? (
        <span id={`${name}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </>
  );
}

/**
 * The next revision: a priced row for each requested line, then the terms. Filled in from the
 * last revision (or list prices and lead times); sent back, it shows what was typed and each
 * problem at its field.
 */
export function RevisionForm({
  lines,
  nextVersion,
  today,
  defaults,
  constraints,
  lineConstraints,
  addedSlots,
  draft,
}: {
  lines: Line[];
  /** When the draft in the form was last saved, and by whom; undefined without one. */
  draft: { savedAt: string; savedBy: string | null } | undefined;
  /** How many rows for added lines to show. */
  addedSlots: number;
  nextVersion: number;
  today: string;
  defaults: Record<string, string>;
  constraints: Constraints;
  /** Of one revision row: `quantity`, `unitPriceCents`, `leadTimeWeeks`, `included`, `costCents`, `notQuotedReason`. */
  lineConstraints: Constraints;
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
  const value = (name: string) => (result ? (result.values[name] ?? "") : defaults[name]);
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
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Qty</th>
              <th scope="col">Unit price (USD)</th>
              <th scope="col">Lead time (weeks)</th>
              <th scope="col">Included</th>
              <th scope="col">Unit cost (USD, internal)</th>
              <th scope="col">Not quoting it? Why</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.id}>
                <th scope="row">
                  {line.name} {line.partNumber ? <span className="part-number mono">{line.partNumber}</span> : null}
                </th>
                {LINE_INPUTS.map(({ field, label, inputMode }) => {
                  const name = lineField(line.id, field);
                  return (
                    <td key={field}>
                      <CellInput
                        name={name}
                        label={`${label} for ${line.name}`}
                        defaultValue={value(name)}
                        inputMode={inputMode}
                        maxLength={
                          field === "included"
                            ? lineConstraints.included?.maxLength
                            : field === "reason"
                              ? lineConstraints.notQuotedReason?.maxLength
                              : undefined
                        }
                        error={errors[name]}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <table className="data-table">
          <caption>
            Lines you add: a catalog product by part number, or your own line (freight, spares, commissioning) described
            in words
          </caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              {ADDED_INPUTS.map(({ field, heading }) => (
                <th key={field} scope="col">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: addedSlots }, (_, i) => i + 1).map((slot) => (
              <tr key={slot}>
                <th scope="row">Added {slot}</th>
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
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          Unit costs give the margin on this page; the buyer never sees them. A line with a reason is not quoted: the
          buyer sees the reason instead of a price.
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
            options={PAYMENT_TERMS_OPTIONS}
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
            disabled={saving || sending}
          >
            {saving ? "Saving…" : "Save draft"}
          </button>
          <button type="submit" name="intent" value={INTENT} className="button" disabled={sending}>
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
