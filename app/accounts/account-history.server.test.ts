import { describe, expect, it } from "vitest";
import { readHistoryFilter } from "./account-history.server";

const filterOf = (query: string) => readHistoryFilter(new URLSearchParams(query));

describe("the account page's filter", () => {
  it("says so when “From” is after “To”, keeping both to show again, and applies neither", () => {
    expect(filterOf("from=2026-12-31&to=2026-01-01")).toMatchObject({
      from: "2026-12-31",
      to: "2026-01-01",
      datesProblem: expect.stringMatching(/^“From” is after “To”/),
    });
    for (const query of [
      "from=2026-01-01&to=2026-12-31",
      "from=2026-03-03&to=2026-03-03",
      "from=2026-12-31",
      "to=2026-01-01",
    ])
      expect(filterOf(query).datesProblem).toBeUndefined();
  });
});
