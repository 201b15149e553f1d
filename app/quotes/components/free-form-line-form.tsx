import { Form } from "@remix-run/react";
import { useRef } from "react";
import { useFocusOnRefusal } from "~/components/ui/field";
import { useFormResult, type Constraints } from "~/lib/forms";
import { QUOTE_LIST_INTENT } from "~/quotes/quote-intents";
import { REQUIREMENT_ROWS } from "~/quotes/quote-list-fields";

const INTENT = QUOTE_LIST_INTENT.addFreeForm;

/** A line for something not in the catalog: what it is, how many, and the specs that matter. */
export function FreeFormLineForm({
  constraints,
  requirementConstraints,
}: {
  constraints: Constraints;
  /** Of one "specs that matter" row: `spec` and `value`. */
  requirementConstraints: Constraints;
}) {
  const result = useFormResult(INTENT);
  const form = useRef<HTMLFormElement>(null);
  const refusedAt = useFocusOnRefusal(form, result);
  const value = (name: string) => result?.values[name] ?? "";
  const error = (name: string) => result?.fieldErrors[name];
  const field = (name: string) => ({
    id: `ff-${name}`,
    name,
    defaultValue: value(name),
    "aria-invalid": error(name) ? true : undefined,
    "aria-describedby": error(name) ? `ff-${name}-error` : undefined,
    autoFocus: refusedAt(name),
  });
  const message = (name: string) =>
    error(name) ? (
      <span id={`ff-${name}-error`} className="field-error">
        {error(name)}
      </span>
    ) : null;
  return (
    <Form method="post" className="panel free-form" aria-labelledby="free-form-heading" ref={form}>
      <h2 id="free-form-heading">Request something not in the catalog</h2>
      <input type="hidden" name="intent" value={INTENT} />
      <label htmlFor="ff-description">What do you need?</label>
      <textarea
        {...field("description")}
        rows={2}
        maxLength={constraints.description?.maxLength}
        placeholder="e.g. Stainless jacketed kettle, 500 L, with agitator"
      />
      {message("description")}
      <div className="free-form__row">
        <div>
          <label htmlFor="ff-quantity">Quantity</label>
          <input {...field("quantity")} defaultValue={value("quantity") || "1"} type="number" min={1} max={1000000} />
          {message("quantity")}
        </div>
        <div>
          <label htmlFor="ff-targetPrice">Target unit price, USD (optional)</label>
          <input {...field("targetPrice")} inputMode="decimal" maxLength={20} />
          {message("targetPrice")}
        </div>
      </div>
      <fieldset>
        <legend>Specs that matter (optional)</legend>
        {/* What each column is, in sight while the placeholders are typed over; each field has its own label. */}
        <div className="requirement-row requirement-row--head" aria-hidden="true">
          <span>Spec</span>
          <span>Value</span>
          <span>Importance</span>
        </div>
        {Array.from({ length: REQUIREMENT_ROWS }, (_, i) => (
          <div key={i} className="requirement-row">
            <label>
              <span className="visually-hidden">Spec {i + 1}</span>
              <input
                name={`spec${i}`}
                defaultValue={value(`spec${i}`)}
                placeholder={["Capacity", "Voltage / phase / Hz", "Material", "Certifications"][i]}
                maxLength={requirementConstraints.spec?.maxLength}
              />
            </label>
            <label>
              <span className="visually-hidden">Value {i + 1}</span>
              <input
                {...field(`value${i}`)}
                placeholder={["500 L", "480 V, 3-phase, 60 Hz", "316L stainless", "3-A, CE"][i]}
                maxLength={requirementConstraints.value?.maxLength}
              />
            </label>
            <label>
              <span className="visually-hidden">Importance {i + 1}</span>
              <select name={`importance${i}`} defaultValue={value(`importance${i}`) || "must"}>
                <option value="must">Must have</option>
                <option value="nice">Nice to have</option>
              </select>
            </label>
            {message(`value${i}`)}
          </div>
        ))}
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          name="equivalentAccepted"
          defaultChecked={result ? value("equivalentAccepted") === "on" : true}
        />{" "}
        Equivalent products accepted
      </label>
      <label htmlFor="ff-note">Note for sales (optional)</label>
      <textarea {...field("note")} rows={2} maxLength={constraints.note?.maxLength} />
      {message("note")}
      <button type="submit" className="button button--secondary">
        Add to list
      </button>
    </Form>
  );
}
