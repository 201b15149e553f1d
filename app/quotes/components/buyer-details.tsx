type Buyer = {
  company: string;
  contactName: string;
  email: string;
  phone: string;
  country: string;
  deliveryLocation: string;
  incoterm: string;
  neededBy: string | null;
  message: string;
};

/** Who asked, where to deliver, and their message: shown to the buyer as sent, to sales with a link to write back. */
export function BuyerDetails({ request, audience }: { request: Buyer; audience: "buyer" | "sales" }) {
  const sales = audience === "sales";
  return (
    <>
      <p>
        {sales ? <strong>{request.company}</strong> : request.company} · {request.contactName} ·{" "}
        {sales ? <a href={`mailto:${request.email}`}>{request.email}</a> : request.email}
        {request.phone ? ` · ${request.phone}` : ""} · {request.country}
        {request.deliveryLocation ? ` · deliver to ${request.deliveryLocation}` : ""}
        {request.incoterm ? ` · ${sales ? "asked " : ""}${request.incoterm}` : ""}
        {request.neededBy ? ` · needed by ${request.neededBy}` : ""}
      </p>
      {request.message ? <p className="message">{request.message}</p> : null}
    </>
  );
}
