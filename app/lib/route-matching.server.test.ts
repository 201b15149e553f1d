import { createRequire } from "node:module";
import type * as Router from "@remix-run/router";
import { describe, expect, it } from "vitest";

// The build the server loads (through @remix-run/server-runtime's require), which
// patches/@remix-run+router+*.patch changes to flatten each route tree and compile each path once.
const router: typeof Router = createRequire(import.meta.url)("@remix-run/router");

const routes: Router.AgnosticRouteObject[] = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "product", path: "products/:slug" },
      { id: "datasheet", path: "products/:slug/datasheet.pdf" },
      { id: "category", path: "categories/:slug" },
      { id: "account", path: "account", children: [{ id: "lists", path: "lists/:id?" }] },
      { id: "splat", path: "*" },
    ],
  },
];

const matched = (tree: Router.AgnosticRouteObject[], path: string) =>
  router.matchRoutes(tree, path)?.map(({ route, params }) => [route.id, { ...params }]);

describe("route matching (patched to remember flattened trees and compiled paths)", () => {
  it("answers every path the same the first time and on every later call", () => {
    const paths = ["/", "/products/gauge-a", "/products/gauge-b/datasheet.pdf", "/categories/VALVES", "/account/lists"];
    const first = paths.map((path) => matched(routes, path));
    for (let round = 0; round < 3; round++) expect(paths.map((path) => matched(routes, path))).toEqual(first);
    expect(first[1]).toEqual([
      ["root", { slug: "gauge-a" }],
      ["product", { slug: "gauge-a" }],
    ]);
    expect(first[2]?.at(-1)).toEqual(["datasheet", { slug: "gauge-b" }]);
    expect(first[3]?.at(-1)).toEqual(["category", { slug: "VALVES" }]);
  });

  it("takes each call's own parameters from a remembered pattern", () => {
    expect(matched(routes, "/account/lists/7")?.at(-1)).toEqual(["lists", { id: "7" }]);
    expect(matched(routes, "/account/lists/12")?.at(-1)).toEqual(["lists", { id: "12" }]);
    expect(matched(routes, "/no/such/page")?.at(-1)).toEqual(["splat", { "*": "no/such/page" }]);
  });

  it("keeps separate route trees apart", () => {
    const other = [{ id: "only", path: "products/:id" }];
    expect(matched(other, "/products/9")).toEqual([["only", { id: "9" }]]);
    expect(matched(routes, "/products/9")?.at(-1)).toEqual(["product", { slug: "9" }]);
  });
});
