import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { StylesProvider } from "~/lib/inline-styles";
import { NonceProvider } from "~/lib/nonce";
import { contentSecurityPolicy } from "~/lib/security-headers.server";
import { lookupStaticFile } from "~/lib/static-files.server";
import stylesHref from "~/styles/app.css";
import { startOutboxSender } from "~/lib/mailer.server";
import { expireDueQuotes } from "~/models/quote-revision.server";

export const streamTimeout = 5_000;

let css: string | undefined;
/** The built stylesheet's text, for <InlineStyles>: read once from the files under public/. */
function siteCss() {
  if (css === undefined) {
    css = lookupStaticFile(stylesHref, {})?.body?.toString("utf8") ?? "";
    if (!css) console.error(JSON.stringify({ event: "stylesheet_missing", path: `public${stylesHref}`, message: "pages go out unstyled: rebuild" }));
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
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged here; earlier ones reach the error boundary.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1_000);
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
  if (error instanceof Error && error.message.startsWith("Warning: Single fetch-enabled apps should not be making ?_data requests")) return;
  const { pathname } = new URL(request.url);
  const detail = error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
  console.error(JSON.stringify({ event: "server_error", method: request.method, path: pathname, ...detail }));
};

// The server (server.js) reaches these through the build, so the page cache shares this
// build's database handle and content versions.
export { cachedPage, isPublicPage, lookupCachedPage } from "~/lib/page-cache.server";
export { lookupStaticFile };

/** Work each server process does on its own: deliver the outbox, expire quotes past validity. */
export function startBackgroundJobs() {
  startOutboxSender();
  setInterval(() => {
    try {
      expireDueQuotes();
    } catch (error) {
      console.error(JSON.stringify({ event: "quote_expiry_error", message: error instanceof Error ? error.message : String(error) }));
    }
  }, 60_000).unref();
}
export { closeDatabase } from "~/lib/db.server";
