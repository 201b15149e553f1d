import {
  discardUploads,
  FIELD_TOO_LONG,
  tooLongAt,
  type Upload,
  type UploadedFile,
  type UploadRule,
} from "~/lib/attachments.server";
import { formErrorResult, invalid } from "~/lib/forms.server";
import { QUOTE_FILES } from "./quote-files";

/** The files a request or a message takes, sent in `fileField`. */
export const quoteFileRule = (fileField: string): UploadRule => ({
  fileField,
  maxFiles: QUOTE_FILES.maxFiles,
  kinds: QUOTE_FILES.kinds,
  kindsText: QUOTE_FILES.kindsText,
});

export type QuoteFiles =
  | { ok: true; fields: Record<string, string>; files: UploadedFile[] }
  /** Said at the files' field (`fileError`) or, for a text field over its limit, above the form. */
  | { ok: false; fields: Record<string, string>; status: 400 | 413; fileError: string; formError?: undefined }
  | {
      ok: false;
      fields: Record<string, string>;
      status: 413;
      formError: string;
      fieldErrors: Record<string, string>;
      fileError?: undefined;
    };

/**
 * The files of a request or a message, or why they were not taken: one refused file refuses
 * them all (each is removed), so the sender chooses again. A body that could not be read at all
 * is a plain 400.
 */
export function takeQuoteFiles(upload: Upload, fileField: string): QuoteFiles {
  const { fields } = upload;
  if (!upload.ok) {
    if (upload.problem === "unreadable") throw new Response("The form could not be read.", { status: 400 });
    if (upload.problem === "field")
      return { ok: false, fields, status: 413, formError: FIELD_TOO_LONG, fieldErrors: tooLongAt(upload.tooLong) };
    const fileError = upload.problem === "body" ? QUOTE_FILES.tooLarge : QUOTE_FILES.fileTooLarge;
    return { ok: false, fields, status: 413, fileError };
  }
  // Files sent in another form's field are not this form's.
  const files = upload.files.filter((file) => file.field === fileField);
  discardUploads(upload.files.filter((file) => file.field !== fileField));
  if (!upload.problems.length) return { ok: true, fields, files };
  discardUploads(files);
  return { ok: false, fields, status: 400, fileError: upload.problems.join(" ") };
}

/** A form whose files were not taken, answered at its file field (or above it) with what was typed. */
export function filesRefused(refused: Extract<QuoteFiles, { ok: false }>, intent: string, fileField: string) {
  const values = refused.fields;
  if (refused.fileError === undefined)
    return invalid(
      formErrorResult(values, refused.formError, { intent, fieldErrors: refused.fieldErrors }),
      refused.status,
    );
  return invalid({ status: "error", intent, fieldErrors: { [fileField]: refused.fileError }, values }, refused.status);
}
