type Attachment = { id: number; originalName: string; sizeBytes: number };

/** The files sent with the request itself (not with a message), each a download through the page's own link for it. */
export function RequestAttachments({
  files,
  hrefOf,
  headingLevel,
}: {
  files: Attachment[];
  /** Where this audience downloads a file (the buyer's private link, or the back office). */
  hrefOf: (file: Attachment) => string;
  headingLevel: 2 | 3;
}) {
  if (!files.length) return null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="attachments-heading">
      <Heading id="attachments-heading">Attachments</Heading>
      <AttachmentList files={files} hrefOf={hrefOf} />
    </section>
  );
}

/** Files as download links with their sizes: the request's own, or those that came with a message. */
export function AttachmentList({
  files,
  hrefOf,
  label,
}: {
  files: Attachment[];
  hrefOf: (file: Attachment) => string;
  /** Names the list when no heading does. */
  label?: string;
}) {
  return (
    <ul aria-label={label}>
      {files.map((file) => (
        <li key={file.id}>
          <a href={hrefOf(file)} download>
            {file.originalName}
          </a>{" "}
          <span className="muted">({Math.max(1, Math.round(file.sizeBytes / 1024))} KB)</span>
        </li>
      ))}
    </ul>
  );
}
