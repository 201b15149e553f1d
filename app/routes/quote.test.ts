import { describe, expect, it } from "vitest";
import type { FormResult } from "~/lib/forms";
import { env } from "~/lib/env.server";
import { issueFormStart, newFormStart } from "~/lib/form-start.server";
import { quoteListCookie } from "~/quotes/quote-list-cookie.server";
import { recordRateLimitEvent } from "~/lib/rate-limit.server";
import { createToken } from "~/lib/tokens.server";
import { addProductToQuoteList } from "~/quotes/quote-list.server";
import { listProductsByIds } from "~/catalog/product.server";
import { QUICK_ADD_NOTHING } from "~/quotes/quote-list-page.server";
import { action } from "./quote";
import { requestFormFields } from "../../tests/support/factories/buyers";

const FASTER = "That was sent faster than a person can fill in the form. Check your details and send it again.";

async function listCookie() {
  const [product] = listProductsByIds([1, 2, 3, 4, 5]);
  const { token } = addProductToQuoteList(undefined, product.id, 2);
  return quoteListCookie.serialize(token);
}

const buyer = requestFormFields();

async function send(cookie: string, fields: Record<string, string>) {
  const request = new Request("http://localhost/quote", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams(fields).toString(),
  });
  try {
    const answer = (await action({
      request,
      params: {},
      context: { cspNonce: "test", clientIp: `10.0.0.${Math.floor(Math.random() * 250)}` },
    })) as unknown as { init: { status: number }; data: FormResult };
    return answer;
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status === 302) return { redirect: thrown.headers.get("Location")! };
    throw thrown;
  }
}

describe("the request form's time trap", () => {
  const minutesAgo = (minutes: number) => Date.now() - minutes * 60_000;

  it.each([
    ["omitted", undefined],
    ["0", "0"],
    ["1000", "1000"],
    ["negative", "-5000"],
    ["a plain time long enough ago", String(minutesAgo(5))],
  ])("refuses a start that is %s", async (_label, formStartedAt) => {
    const cookie = await listCookie();
    const fields: Record<string, string> = { ...buyer, submissionKey: createToken() };
    if (formStartedAt !== undefined) fields.formStartedAt = formStartedAt;
    const answer = await send(cookie, fields);
    expect(answer).not.toHaveProperty("redirect");
    expect("data" in answer && answer.data.formError).toBe(FASTER);
  });

  it("refuses a signed start moved to another form, in the future, or too recent", async () => {
    const cookie = await listCookie();
    const submissionKey = createToken();
    const other = issueFormStart(createToken(), minutesAgo(5));
    const future = issueFormStart(submissionKey, Date.now() + 60_000);
    const justNow = issueFormStart(submissionKey);
    for (const formStartedAt of [other, future, justNow]) {
      const answer = await send(cookie, { ...buyer, submissionKey, formStartedAt });
      expect("data" in answer && answer.data.formError).toBe(FASTER);
    }
  });

  it("says a form left open for days has expired, and shows it again with a fresh start", async () => {
    const cookie = await listCookie();
    const submissionKey = createToken();
    const answer = await send(cookie, {
      ...buyer,
      submissionKey,
      formStartedAt: issueFormStart(submissionKey, minutesAgo(3 * 24 * 60)),
    });
    expect("data" in answer && answer.data.formError).toBe("The form expired: check your details and send it again.");
    const start = "data" in answer ? answer.data.values : undefined;
    expect(start?.submissionKey).not.toBe(submissionKey);
  });

  it("keeps the signed start across a field error, so a quick correction is accepted", async () => {
    const cookie = await listCookie();
    const { submissionKey, formStartedAt } = newFormStart(minutesAgo(1));
    const wrong = await send(cookie, { ...buyer, email: "dana-at-acme", submissionKey, formStartedAt });
    expect("data" in wrong && wrong.data.fieldErrors.email).toBeTruthy();
    expect("data" in wrong && wrong.data.values).toMatchObject({ submissionKey, formStartedAt });
    const fixed = await send(cookie, { ...buyer, submissionKey, formStartedAt });
    expect(fixed).toEqual({ redirect: expect.stringMatching(/^\/quotes\/[A-Za-z0-9_-]{43}$/) });
  });

  it("replaces a forged start on the form shown again", async () => {
    const cookie = await listCookie();
    const submissionKey = createToken();
    const answer = await send(cookie, { ...buyer, email: "dana-at-acme", submissionKey, formStartedAt: "0" });
    const start = "data" in answer ? answer.data.values : undefined;
    expect(start?.formStartedAt).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    expect(start?.submissionKey).not.toBe(submissionKey);
  });
});

describe("refusals that need no body", () => {
  const MB = 1024 * 1024;
  /** A multipart request whose 8 MB file is made as it is read; `pulled()` says how much was. */
  function upload(cookie: string | undefined, start: { submissionKey: string; formStartedAt: string }) {
    const boundary = "----cheap-refusal";
    const head = Object.entries({ ...buyer, ...start })
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("");
    const chunks = [
      Buffer.from(
        `${head}--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
      ),
      ...Array.from({ length: 8 }, () => Buffer.alloc(MB, 0x20)),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ];
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (!chunk) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(new Uint8Array(chunk));
      },
    });
    const headers: Record<string, string> = { "Content-Type": `multipart/form-data; boundary=${boundary}` };
    if (cookie) headers.Cookie = cookie;
    const request = new Request("http://localhost/quote", {
      method: "POST",
      headers,
      body,
      duplex: "half",
    } as RequestInit);
    return { request, pulled: () => pulled };
  }

  async function answer(request: Request, clientIp: string) {
    try {
      return (await action({ request, params: {}, context: { cspNonce: "test", clientIp } })) as unknown as {
        init: { status: number };
        data: Partial<FormResult>;
      };
    } catch (thrown) {
      if (thrown instanceof Response) return { init: { status: thrown.status }, data: {} };
      throw thrown;
    }
  }

  it("refuses an address over its hourly limit before reading the upload", async () => {
    const clientIp = "10.1.2.3";
    for (let i = 0; i < env.QUOTE_REQUESTS_PER_HOUR; i++)
      recordRateLimitEvent("quote-request", clientIp, { windowSeconds: 3600 });
    const sent = upload(await listCookie(), newFormStart(Date.now() - 60_000));
    const refused = await answer(sent.request, clientIp);
    expect(refused.init.status).toBe(429);
    expect(refused.data.formError).toMatch(/^Too many requests have been sent from your network/);
    expect(sent.pulled()).toBeLessThan(2 * MB);
  });

  it("refuses a request from an empty quote list before reading the upload", async () => {
    const sent = upload(undefined, newFormStart(Date.now() - 60_000));
    const refused = await answer(sent.request, "10.1.2.4");
    expect(refused.init.status).toBe(400);
    expect(refused.data.formError).toBe("Your quote list is empty: add items before sending a request.");
    expect(sent.pulled()).toBeLessThan(2 * MB);
  });
});

describe("quick add and the free-form line, refused", () => {
  it("says at the field that nothing was sent, when nothing was", async () => {
    const answer = await send(await listCookie(), { intent: "quick-add", lines: "  \n " });
    expect("data" in answer && answer.init.status).toBe(400);
    expect("data" in answer && answer.data.fieldErrors).toEqual({ lines: QUICK_ADD_NOTHING });
  });

  it("words a forged importance of a spec row, at its row", async () => {
    const answer = await send(await listCookie(), {
      intent: "add-free-form",
      description: "Jacketed kettle, 500 L",
      quantity: "1",
      spec0: "Capacity",
      value0: "500 L",
      importance0: "bogus",
    });
    expect("data" in answer && answer.data.fieldErrors).toEqual({ value0: "Choose must have or nice to have" });
  });
});
