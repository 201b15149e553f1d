type Change = { field: string; from: string; to: string };

/** What changed from one revision to the next, each field from → to. */
export function RevisionChanges({ changes, heading }: { changes: Change[]; heading: string }) {
  if (!changes.length) return null;
  return (
    <div className="panel">
      <h3>{heading}</h3>
      <ul className="changes">
        {changes.map((change) => (
          <li key={change.field}>
            {change.field}: <del>{change.from}</del> → <ins>{change.to}</ins>
          </li>
        ))}
      </ul>
    </div>
  );
}
