import { namingRefusedProduct } from "~/catalog/refused-add.server";
import { redirect } from "@remix-run/node";
import type { z } from "zod";
import { discardFiles, readUpload, storeUpload, type UploadedFile } from "~/lib/attachments.server";
import { GUEST, type AccountOwner } from "~/accounts/account-owner";
import { env } from "~/lib/env.server";
import { checkFormStart, formStartRefusal, formStartToKeep } from "~/lib/form-start.server";
import type { FormResult } from "~/lib/forms";
import { formErrorResult, invalid, type Parsed } from "~/lib/forms.server";
import { plural } from "~/lib/plural";
import { readForm, sentAs } from "~/lib/request-body.server";
import { quoteFileRule, takeQuoteFiles } from "./quote-files.server";
import { QUOTE_LIST_INTENT as INTENT } from "./quote-intents";
import type { QuickAddProblem } from "./quote-list.server";
import type { QuoteListAction } from "./quote-list-schema";
import { quoteRequestRefusal, submitQuoteRequest } from "./quote-request.server";

type Change = Parsed<z.output<typeof QuoteListAction>>;
type RequestForm = Extract<Extract<Change, { status: "success" }>["data"], { intent: typeof INTENT.submitRequest }>;

const REQUEST_REFUSALS = {
  empty: "Your quote list is empty: add items before sending a request.",
  "rate-limited":
    "Too many requests have been sent from your network in the last hour. Please try again later or e-mail our sales team.",
};

/** The request form shown again: what was typed, with the same key and signed start while it is still good. */
const keepingStart = (values: Record<string, string>) => ({ ...values, ...formStartToKeep(values) });

const refuseRequest = (
  values: Record<string, string>,
  message: string,
  status: 400 | 413 | 429,
  fieldErrors: Record<string, string> = {},
) => invalid(formErrorResult(keepingStart(values), message, { intent: INTENT.submitRequest, fieldErrors }), status);

const refuseFiles = (values: Record<string, string>, message: string, status: 400 | 413) =>
  invalid(
    {
      status: "error",
      intent: INTENT.submitRequest,
      fieldErrors: { attachments: message },
      values: keepingStart(values),
    },
    status,
  );

/**
 * What /quote was sent: a small url-encoded change to the list, or the request form with its
 * files. What would refuse any request (an empty list, too many requests) is said before the
 * files are read, and the server then closes the connection.
 */
export async function readQuoteListForm(request: Request, listToken: string | undefined, clientIp?: string) {
  // Quick add's 20,000 characters, url-encoded, are up to 180 KB.
  if (!sentAs(request, "multipart/form-data"))
    return { form: await readForm(request, 256 * 1024), files: [] as UploadedFile[] };
  const refusal = quoteRequestRefusal(listToken, clientIp);
  if (refusal) return { refused: refuseRequest({}, REQUEST_REFUSALS[refusal], refusal === "empty" ? 400 : 429) };
  const taken = takeQuoteFiles(await readUpload(request, quoteFileRule("attachments")), "attachments");
  if (taken.ok) return { form: new URLSearchParams(taken.fields), files: taken.files };
  if (taken.fileError !== undefined) return { refused: refuseFiles(taken.fields, taken.fileError, taken.status) };
  // A text field over its limit: what was read before it is shown again.
  return { refused: refuseRequest(taken.fields, taken.formError, taken.status, taken.fieldErrors) };
}

/** A form of /quote that did not pass its schema, answered where the page shows it. */
export function refusedChange(parsed: Extract<Change, { status: "error" }>) {
  const { intent, fieldErrors, values } = parsed;
  // A field people never see: a bot filled the form in; it is told no more than that.
  if (intent === INTENT.submitRequest && fieldErrors.website)
    return invalid(formErrorResult({}, "Your request could not be accepted. Please contact sales by e-mail."));
  if (intent === INTENT.submitRequest) return invalid({ ...parsed, values: keepingStart(values) });
  if (intent === INTENT.addFreeForm) return invalid(parsed);
  // A line's own form shows its message at the line; any other change says it above the list.
  if (intent === INTENT.update && Number.isSafeInteger(Number(values.lineId)) && !fieldErrors.lineId)
    return invalid(parsed);
  const formError = parsed.formError ?? Object.values(fieldErrors)[0] ?? "That change could not be made";
  // An add from a product page, sent without JavaScript: the list names the product and asks again.
  return invalid(formErrorResult(intent === INTENT.add ? namingRefusedProduct(values) : values, formError, { intent }));
}

/** Quick add that left lines out: each comes back, its message at its place in the field. */
/** What quick add says when it was sent with no line at all. */
export const QUICK_ADD_NOTHING = "Enter a part number and a quantity, one line each";

export function quickAddProblems(values: Record<string, string>, added: number, problems: QuickAddProblem[]) {
  const result: FormResult = {
    status: "error",
    intent: INTENT.quickAdd,
    fieldErrors:
      added || problems.length
        ? Object.fromEntries(problems.map((problem, i) => [`lines.${i}`, problem.message]))
        : { lines: QUICK_ADD_NOTHING },
    values: { ...values, lines: problems.map((problem) => problem.line).join("\n") },
    message: added ? `Added ${plural(added, "line")} to the list.` : undefined,
  };
  return result;
}

/**
 * The request for quotation: the signed start checked (a form sent within seconds was not filled
 * in by a person), the files stored, and the request made in one transaction; the buyer goes to
 * its status page.
 */
export function submitRequest(
  listToken: string | undefined,
  { intent: _intent, website: _honeypot, formStartedAt, ...form }: RequestForm,
  values: Record<string, string>,
  clientIp = "unknown",
  attachments: UploadedFile[] = [],
  owner: AccountOwner = GUEST,
) {
  // Checked whatever QUOTE_MIN_FILL_SECONDS is: a start the server did not sign is never accepted.
  const started = checkFormStart(formStartedAt, form.submissionKey, { minFillSeconds: env.QUOTE_MIN_FILL_SECONDS });
  if (!started.ok) return refuseRequest(values, formStartRefusal(started.reason), 400);
  const stored = attachments.map(storeUpload);
  let result: ReturnType<typeof submitQuoteRequest>;
  try {
    result = submitQuoteRequest(listToken, form, clientIp, stored, owner);
  } catch (error) {
    discardFiles(stored);
    throw error;
  }
  if (!result.ok || result.repeated) discardFiles(stored);
  if (!result.ok) return refuseRequest(values, REQUEST_REFUSALS[result.reason], result.reason === "empty" ? 400 : 429);
  throw redirect(`/quotes/${result.token}`);
}
