import { browserSupportsWebAuthn, WebAuthnError } from "@simplewebauthn/browser";
import { useEffect, useState } from "react";

/**
 * Whether this browser can use passkeys: "unknown" until the page has hydrated (the server
 * cannot tell, and a page without JavaScript cannot use them at all).
 */
export function usePasskeySupport() {
  const [support, setSupport] = useState<"unknown" | "supported" | "unsupported">("unknown");
  useEffect(() => setSupport(browserSupportsWebAuthn() ? "supported" : "unsupported"), []);
  return support;
}

/** POSTs JSON to one of the passkey resource routes; a refusal comes back as its sentence. */
export async function postPasskeyJson<T>(
  url: string,
  body?: unknown,
): Promise<{ ok: true; json: T } | { ok: false; error: string }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body ?? {}),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, error: "The site could not be reached: check the connection and try again." };
  }
  const json = (await response.json().catch(() => undefined)) as (T & { error?: string }) | undefined;
  if (response.ok && json) return { ok: true, json };
  return { ok: false, error: json?.error ?? "Something went wrong: try again in a moment." };
}

/** What to say when the browser's own passkey dialog ends without a passkey. */
export function ceremonyError(error: unknown, cancelled: string) {
  const name =
    error instanceof WebAuthnError ? (error.cause as Error | undefined)?.name : (error as Error | undefined)?.name;
  if (name === "NotAllowedError" || name === "AbortError") return cancelled;
  if (error instanceof WebAuthnError && error.code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED")
    return "This device already holds a passkey for your account.";
  return "The browser could not use a passkey here. Sign in with an e-mailed code instead.";
}
