import { describe, expect, it } from "vitest";
import { readPasskeyBody } from "./passkey-requests.server";
import { PASSKEY_BODY_MAX_BYTES } from "./passkey-rules";
import { PasskeySignInBody } from "./passkey-schema";

const post = (body: string, type = "application/json") =>
  new Request("http://localhost/sign-in/passkey/verify", { method: "POST", headers: { "Content-Type": type }, body });

async function refusal(request: Request) {
  try {
    await readPasskeyBody(request, PasskeySignInBody);
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, error: ((await thrown.json()) as { error: string }).error };
  }
  throw new Error("accepted");
}

const assertion = {
  id: "AbC-_1",
  rawId: "AbC-_1",
  type: "public-key",
  response: { clientDataJSON: "e30", authenticatorData: "AAAA", signature: "AAAA", userHandle: "AAAA" },
  clientExtensionResults: {},
  authenticatorAttachment: "platform",
};

describe("passkey request bodies", () => {
  it("reads a browser's assertion, dropping an attachment it does not know", async () => {
    const body = await readPasskeyBody(
      post(JSON.stringify({ response: { ...assertion, authenticatorAttachment: "watch" }, redirectTo: "/account" })),
      PasskeySignInBody,
    );
    expect(body.response.id).toBe("AbC-_1");
    expect(body.response.authenticatorAttachment).toBeUndefined();
    expect(body.redirectTo).toBe("/account");
  });

  it.each([
    ["not JSON", post("{"), 400],
    ["a form", post("response=1", "application/x-www-form-urlencoded"), 415],
    ["JSON of another shape", post(JSON.stringify({ response: [1, 2] })), 400],
    ["a field that is not base64url", post(JSON.stringify({ response: { ...assertion, id: "a b" } })), 400],
    ["null", post("null"), 400],
    ["too large", post(JSON.stringify({ pad: "x".repeat(PASSKEY_BODY_MAX_BYTES) })), 413],
  ])("refuses %s with a message", async (_, request, status) => {
    const answer = await refusal(request);
    expect(answer.status).toBe(status);
    expect(answer.error).toMatch(/passkey|JSON/i);
  });
});
