declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Fresh per request; the Content-Security-Policy allows inline scripts carrying it. */
    cspNonce: string;
    /** Render the whole document before sending (pages stored for everyone, whatever the client). */
    wholeDocument?: boolean;
    /** The client's address (from X-Forwarded-For only when TRUST_PROXY=1). */
    clientIp?: string;
  }
}

export {};

declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}
