import { createRequire } from "node:module";
import path from "node:path";
import { PassThrough } from "node:stream";
import { buffer } from "node:stream/consumers";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type * as ReactDOMServer from "react-dom/server";
import { describe, expect, it } from "vitest";

// Both builds of the renderer pages are streamed with (`entry.server.tsx`): the production one
// the server runs and the development one. patches/react-dom+*.patch makes each write only the
// bytes it encoded when a character does not fit the end of its 2,048-byte view; unpatched, the
// view's unwritten end went out as NUL bytes (a category page showed "IronAxis \0· SX000G6").
const require = createRequire(import.meta.url);
const cjs = path.join(path.dirname(require.resolve("react-dom/package.json")), "cjs");
const builds: [string, typeof ReactDOMServer][] = [
  ["production", require(path.join(cjs, "react-dom-server.node.production.min.js"))],
  ["development", require(path.join(cjs, "react-dom-server.node.development.js"))],
];

function streamed(server: typeof ReactDOMServer, element: ReactElement) {
  return new Promise<Buffer>((resolve, reject) => {
    const body = new PassThrough();
    const { pipe } = server.renderToPipeableStream(element, {
      onAllReady() {
        pipe(body);
        buffer(body).then(resolve, reject);
      },
      onShellError: reject,
    });
  });
}

// Rows of short text ending in a two- or three-byte character, their lengths varied so that such
// characters meet the ends of several views, one or two bytes short of room.
const rows = createElement(
  "ul",
  null,
  Array.from({ length: 600 }, (_, i) => createElement("li", { key: i }, `${"x".repeat(i % 7)}${i % 2 ? "·" : "€"}`)),
);

describe("pages streamed by React", () => {
  for (const [name, server] of builds) {
    it(`hold exactly the markup rendered, with no NUL byte where a view ends mid-character (${name})`, async () => {
      const bytes = await streamed(server, rows);
      expect(bytes.length).toBeGreaterThan(3 * 2048);
      expect(bytes.indexOf(0)).toBe(-1);
      expect(bytes.toString("utf8")).toBe(renderToStaticMarkup(rows));
    });
  }
});
