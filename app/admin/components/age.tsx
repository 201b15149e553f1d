/** "3 h", "2 d": how long something has waited, as of the server's `now` (no hydration drift). */
export function Age({ since, now }: { since: string; now: string }) {
  const minutes = Math.max(0, Math.round((Date.parse(now) - Date.parse(since)) / 60_000));
  const text =
    minutes < 60
      ? `${minutes} min`
      : minutes < 48 * 60
        ? `${Math.round(minutes / 60)} h`
        : `${Math.round(minutes / 1440)} d`;
  return (
    <time dateTime={since} title={since}>
      {text}
    </time>
  );
}
