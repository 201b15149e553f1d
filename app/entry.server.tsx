import { Transform } from "node:stream";
import {
  type AppLoadContext,
  type EntryContext,
  type HandleErrorFunction,
  createReadableStreamFromReadable,
} from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { StylesProvider } from "~/lib/inline-styles";
import { NonceProvider } from "~/lib/nonce";
import { lookupStaticFile } from "~/lib/static-files.server";
import stylesHref from "~/styles/app.css";
import { startOutboxSender } from "~/lib/mailer.server";
import { quotationDocument } from "~/quotes/quote-pdf.server";
import { invoiceDocument } from "~/orders/invoice-pdf.server";
import { creditNoteDocument } from "~/orders/credit-note-pdf.server";
import { runScheduledJobs } from "~/lib/scheduled-jobs.server";
import { catalogIndexReady } from "~/catalog/catalog-index.server";

export const streamTimeout = 5_000;

const DOCUMENT_END = Buffer.from("</body></html>");

/**
 * The rendered stream with `</body></html>` moved to its very end. React 18 writes the closing
 * tags with the shell, and Remix renders its data scripts (and React the boundaries that finish
 * later) after the document, so they would come after `</html>`: invalid HTML that a browser
 * moves into <body> anyway. Holding the two tags back puts those scripts where the browser
 * would have put them, so the DOM and hydration are unchanged. Until the tags are found, the
 * last few bytes of each chunk wait for the next one, in case the tags straddle two chunks.
 */
function documentEndLast() {
  let found = false;
  let carry: Buffer = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (found) return callback(null, chunk);
      const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const at = bytes.indexOf(DOCUMENT_END);
      if (at !== -1) {
        found = true;
        carry = Buffer.alloc(0);
        return callback(null, Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + DOCUMENT_END.length)]));
      }
      const keep = Math.max(0, bytes.length - (DOCUMENT_END.length - 1));
      carry = bytes.subarray(keep);
      callback(null, keep ? bytes.subarray(0, keep) : undefined);
    },
    flush(callback) {
      callback(null, found ? DOCUMENT_END : carry.length ? carry : undefined);
    },
  });
}

let css: string | undefined;
/** The built stylesheet's text, for <InlineStyles>: read once from the files under public/. */
function siteCss() {
  if (css === undefined) {
    css = lookupStaticFile(stylesHref, {})?.body?.toString("utf8") ?? "";
    if (!css)
      console.error(
        JSON.stringify({
          event: "stylesheet_missing",
          path: `public${stylesHref}`,
          message: "pages go out unstyled: rebuild",
        }),
      );
  }
  return css;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  // Bots, no-JS clients and the page cache get the whole document at once; browsers get it streamed.
  const readyEvent =
    loadContext.wholeDocument || isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // A render that never ends is aborted. One that ends clears its timer: the timer holds the
    // render's data (the loaders' results, the stream's cache), and kept it all reachable for 6 s
    // after every page, 70–100 MB of a worker's heap under load.
    const deadline = setTimeout(() => abort(), streamTimeout + 1_000);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider nonce={nonce}>
        <StylesProvider css={siteCss()}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </StylesProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = documentEndLast();
          body.once("finish", () => clearTimeout(deadline));
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(deadline);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged here; earlier ones reach the error boundary.
          if (shellRendered) {
            const detail =
              error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
            console.error(JSON.stringify({ event: "render_error", path: new URL(request.url).pathname, ...detail }));
          }
        },
      },
    );
  });
}

/**
 * One log line per error worth reading, in the server's JSON format. Not logged: a request the
 * client gave up on, an answer below 500 (a POST where no form takes one) and Remix's warning
 * about `?_data` requests, which only probes send.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  if (
    error instanceof Error &&
    error.message.startsWith("Warning: Single fetch-enabled apps should not be making ?_data requests")
  )
    return;
  const { pathname } = new URL(request.url);
  const detail = error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
  console.error(JSON.stringify({ event: "server_error", method: request.method, path: pathname, ...detail }));
};

// The server (server/) reaches these through the build, so the page cache shares this
// build's database handle and content versions, and the CSP reads the validated environment.
export { cachedPage, lookupCachedPage } from "~/lib/page-cache.server";
export { lookupStaticFile };
export { checkoutOrigins } from "~/orders/stripe.server";

/**
 * Work each server process does on its own: build the catalog index (in a worker thread, so
 * the first listing finds it ready), deliver the outbox, and each minute what falls due with time.
 */
export function startBackgroundJobs() {
  catalogIndexReady().catch((error: unknown) => {
    console.error(JSON.stringify({ event: "catalog_index_error", message: String(error) }));
  });
  startOutboxSender({ quotation: quotationDocument, invoice: invoiceDocument, credit_note: creditNoteDocument });
  setInterval(() => {
    runScheduledJobs().catch((error: unknown) => {
      console.error(
        JSON.stringify({
          event: "scheduled_jobs_error",
          message: error instanceof Error ? error.message : String(error),
        }),
      );
    });
  }, 60_000).unref();
}
export { closeDatabase } from "~/lib/db.server";
export { secureCookies } from "~/lib/env.server";
