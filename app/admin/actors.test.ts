import { describe, expect, it } from "vitest";
import { describeActor, salesEmailOf } from "./actors";

describe("actor names", () => {
  const names = {
    buyerName: "Dana Miller",
    buyerEmail: "dana-1712@acme-process.example",
    buyerNames: new Map([
      ["dana-1712@acme-process.example", "Dana M."],
      ["luis@acme-process.example", "Luis Ortega"],
    ]),
    salesNames: new Map([["sam@ironaxis.test", "Sam Sales"]]),
  };

  it("names the record's contact as written on it, another person of the company from their account, sales from users", () => {
    expect(describeActor("buyer:Dana-1712@acme-process.example", names)).toBe("Dana Miller");
    expect(describeActor("buyer:luis@acme-process.example", names)).toBe("Luis Ortega");
    expect(describeActor("approver:luis@acme-process.example", names)).toBe("Luis Ortega");
    expect(describeActor("sales:sam@ironaxis.test", names)).toBe("Sam Sales");
  });

  it("falls back to the buyer, or to the e-mail of someone with no name or no account", () => {
    expect(describeActor("buyer:dana-1712@acme-process.example", { ...names, buyerName: " " })).toBe("the buyer");
    expect(describeActor("buyer:someone@acme-process.example", names)).toBe("someone@acme-process.example");
    expect(describeActor("sales:gone@ironaxis.test", names)).toBe("gone@ironaxis.test");
  });

  it("names the site's own actors in words", () => {
    expect(
      ["system", "stripe", "buyer-return", "checkout", "other"].map((actor) => describeActor(actor, names)),
    ).toEqual(["IronAxis (automatically)", "Stripe", "the buyer's return from Stripe", "card checkout", "other"]);
  });

  it("reads the sales e-mail out of an actor", () => {
    expect(salesEmailOf("sales:sam@ironaxis.test")).toBe("sam@ironaxis.test");
    expect(salesEmailOf("buyer:sam@ironaxis.test")).toBeUndefined();
  });
});
