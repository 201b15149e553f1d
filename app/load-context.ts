declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Fresh per request; the Content-Security-Policy allows inline scripts carrying it. */
    cspNonce: string;
  }
}

export {};

declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}
