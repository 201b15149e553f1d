import { MAX_ATTACHMENT_MB, MAX_ATTACHMENTS } from "~/lib/upload-limits";

/**
 * What a request for quotation, or a message on it from either side, may carry: the forms' hints
 * and the server's checks read the same words. No server code here: pages import it.
 */
export const QUOTE_FILES = {
  maxFiles: MAX_ATTACHMENTS,
  kinds: ["pdf", "png", "jpg", "dxf", "step"],
  kindsText: "a PDF, PNG, JPEG, DXF or STEP file",
  /** The file picker's filter; the server judges each file by its bytes whatever it is called. */
  accept: ".pdf,.png,.jpg,.jpeg,.dxf,.step,.stp,application/pdf,image/png,image/jpeg",
  hint: `Up to ${MAX_ATTACHMENTS} files of ${MAX_ATTACHMENT_MB} MB each: PDF, PNG, JPEG, DXF or STEP.`,
  tooLarge: `The files are too large: at most ${MAX_ATTACHMENTS} files of ${MAX_ATTACHMENT_MB} MB each.`,
  fileTooLarge: `Each file must be at most ${MAX_ATTACHMENT_MB} MB.`,
} as const;

/** The file input of the message forms, on the buyer's page and on sales'. */
export const MESSAGE_FILES_FIELD = "files";
