import { createContext, useContext, type ReactNode } from "react";

const NonceContext = createContext("");

/** Hands the per-request CSP nonce from entry.server down to <Scripts> and friends. */
export function NonceProvider({ nonce, children }: { nonce: string; children: ReactNode }) {
  return <NonceContext.Provider value={nonce}>{children}</NonceContext.Provider>;
}

export function useNonce() {
  return useContext(NonceContext);
}
