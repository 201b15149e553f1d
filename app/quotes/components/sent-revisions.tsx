import { formatDateTimeUtc } from "~/lib/dates";
import { formatMoney } from "~/lib/money";
import { RevisionChanges } from "./revision-changes";
import { RevisionView, type ShownRevision } from "./revision-view";

type SentRevision = ShownRevision & { id: number; sentAt: string };

/** Every revision sent for a request, newest first and open, with what the newest changed. */
export function SentRevisions({
  revisions,
  acceptedRevisionId,
  changes,
  pdfUrlOf,
  costs,
}: {
  revisions: SentRevision[];
  /** The quotation PDF of a version, as the buyer has it. */
  pdfUrlOf: (version: number) => string;
  /** Sales' unit cost by line id, for each line's margin. */
  costs: Record<number, number>;
  acceptedRevisionId: number | null;
  changes: { field: string; from: string; to: string }[];
}) {
  if (!revisions.length) return null;
  return (
    <section aria-labelledby="revisions-heading">
      <h2 id="revisions-heading">Sent revisions</h2>
      <RevisionChanges changes={changes} heading={`Changed in v${revisions.length} since v${revisions.length - 1}`} />
      {[...revisions].reverse().map((revision, i) => (
        <details key={revision.id} open={i === 0}>
          <summary>
            v{revision.version} · {formatMoney(revision.totalCents)} · valid until {revision.validUntil} · sent{" "}
            {formatDateTimeUtc(revision.sentAt)}
            {i > 0 ? " · superseded" : ""}
            {acceptedRevisionId === revision.id ? " · accepted" : ""}
          </summary>
          <RevisionView revision={revision} costs={costs} />
          <p>
            <a href={pdfUrlOf(revision.version)} download>
              Quotation PDF, version {revision.version}
            </a>
          </p>
        </details>
      ))}
    </section>
  );
}
