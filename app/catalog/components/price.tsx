import { formatMoney } from "~/lib/money";

export function Price({ cents, className = "price" }: { cents: number | null; className?: string }) {
  if (cents === null) return <span className={`${className} price--on-request`}>Price on request</span>;
  return <span className={className}>{formatMoney(cents)}</span>;
}
