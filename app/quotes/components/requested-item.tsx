import type { QuoteLineRequirement } from "~db/schema";

export type RequestedLine = {
  name: string;
  partNumber: string | null;
  productId: number | null;
  requirements: QuoteLineRequirement[];
  note: string;
  equivalentAccepted: boolean;
};

/** What the buyer asked for on one line: the item, the specs that matter, and their note. */
export function RequestedItem({ line }: { line: RequestedLine }) {
  return (
    <>
      <strong>{line.name}</strong>
      {line.partNumber ? (
        <span className="part-number mono"> {line.partNumber}</span>
      ) : (
        <span className="muted"> (free-form)</span>
      )}
      {line.requirements.length ? (
        <ul className="requirements">
          {line.requirements.map((r, i) => (
            <li key={i}>
              {r.spec}: {r.value} ({r.mustHave ? "must have" : "nice to have"})
            </li>
          ))}
        </ul>
      ) : null}
      {line.note ? <p className="muted">Note: {line.note}</p> : null}
      {line.productId === null ? (
        <p className="muted">{line.equivalentAccepted ? "Equivalent accepted" : "Exact match only"}</p>
      ) : null}
    </>
  );
}
