/**
 * The hostile-input corpus of tests/e2e/security.spec.ts: requests that no honest form sends, to every
 * public form and query. Each one must be answered below 500, with a message, and write nothing.
 */

export type HostileRequest = {
  name: string;
  method: "GET" | "POST";
  /** Path and query exactly as sent (some are deliberately malformed). */
  url: string;
  body?: string | Buffer;
  contentType?: string;
  /** Send the buyer's quote-list cookie (a list with one line), or that of a new list of its own. */
  withList?: boolean | "fresh";
  /** A Cookie header of its own (forged or broken quote-list cookies). */
  cookie?: string;
  /** A Stripe-Signature header (webhook requests). */
  stripeSignature?: string;
  /** Send the site's own Origin, as its pages do: for paths that refuse every POST without one. */
  sameOrigin?: boolean;
};

/** Strings an attacker or a broken client puts in any field. */
export const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "1; DROP TABLE products;--",
  '" OR 1=1 --',
  "') UNION SELECT token_hash FROM quote_requests--",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "{{7*7}}${7*7}",
  "\u0000",
  "a\u0000b",
  "\uFFFF\uFFFE",
  "\uD800",
  "𝕏🔥‮evil",
  "NEAR(a b)",
  "a* OR b* NOT c",
  '"unterminated',
  "col:value",
  "^*-()",
  "AND",
  "x".repeat(10_000),
  "%",
  "%00",
  "../../etc/passwd",
  "NaN",
  "-1",
  "1e309",
  "Infinity",
  " ",
  "\r\nSet-Cookie: evil=1",
  "__proto__",
];

const BAD_NUMBERS = [
  "NaN",
  "-1",
  "0",
  "-0",
  "1.5",
  "1e309",
  "Infinity",
  "abc",
  "",
  "99999999999999999999",
  "1 OR 1=1",
  "<b>1</b>",
];

/** Query strings that URL encoding would never produce: invalid %-escapes, overlong UTF-8. */
const RAW_QUERIES = ["%", "%E0%A4%A", "%C0%AF", "%FF%FE%00", "%uD800", "%%32%30", "%ED%A0%80", "a%00b", "%E2%80%AE"];

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

export function buildCorpus(spec: {
  rangeKeys: string[];
  enumKeys: string[];
  productId: number;
  listLineId: number;
  otherLineId: number;
  statusToken: string;
}) {
  const corpus: HostileRequest[] = [];
  const get = (name: string, url: string) => corpus.push({ name, method: "GET", url });
  const post = (name: string, url: string, body: string | Buffer, extra: Partial<HostileRequest> = {}) =>
    corpus.push({
      name,
      method: "POST",
      url,
      body,
      contentType: "application/x-www-form-urlencoded",
      withList: true,
      ...extra,
    });

  // Queries.
  for (const s of HOSTILE_STRINGS) {
    get(`search q=${s.slice(0, 20)}`, `/search?${form({ q: s })}`);
    get(`suggest q=${s.slice(0, 20)}`, `/search/suggest?${form({ q: s })}`);
    get(`compare ids=${s.slice(0, 20)}`, `/compare?${form({ ids: s })}`);
  }
  for (const raw of RAW_QUERIES) {
    get(`search raw ${raw}`, `/search?q=${raw}`);
    get(`suggest raw ${raw}`, `/search/suggest?q=${raw}`);
    get(`compare raw ${raw}`, `/compare?ids=${raw}`);
    get(`category raw page ${raw}`, `/categories/pressure-gauges?page=${raw}`);
  }
  get("compare 1000 ids", `/compare?${Array.from({ length: 1000 }, (_, i) => `ids=${i}`).join("&")}`);
  get("compare ids list of 10,000", `/compare?ids=${Array.from({ length: 10_000 }, (_, i) => i).join(",")}`);
  for (const key of spec.rangeKeys.slice(0, 2)) {
    for (const n of BAD_NUMBERS) {
      get(`filter ${key}_min=${n}`, `/categories/pressure-gauges?${form({ [`${key}_min`]: n })}`);
      get(`filter ${key}_max=${n}`, `/search?${form({ q: "gauge", [`${key}_max`]: n })}`);
    }
  }
  for (const key of spec.enumKeys.slice(0, 2)) {
    for (const s of HOSTILE_STRINGS.slice(0, 12))
      get(`filter ${key}=${s.slice(0, 20)}`, `/categories/pressure-gauges?${form({ [key]: s })}`);
  }
  for (const n of BAD_NUMBERS) get(`page=${n}`, `/categories/pressure-gauges?${form({ page: n })}`);
  for (const n of ["<script>", "price-asc'--", "x".repeat(5000), "__proto__"])
    get(`sort=${n.slice(0, 20)}`, `/search?${form({ q: "pump", sort: n })}`);
  for (const n of BAD_NUMBERS.slice(0, 6))
    get(`lead=${n}`, `/categories/pressure-gauges?${form({ lead: n, stock: n, price: n })}`);
  get(
    "2,000 repeated filter params",
    `/categories/pressure-gauges?${Array.from({ length: 2000 }, (_, i) => `mfr=m${i}`).join("&")}`,
  );
  get("bad %-escape in a category path", "/categories/%E0%A4%A");
  get("bad %-escape in a product path", "/products/%");
  get("bad %-escape in a status link", "/quotes/%ZZ");
  get("NUL in a status link", "/quotes/%00");
  get("traversal in a status link", "/quotes/..%2F..%2Fetc%2Fpasswd");
  get("status link .data with a guessed token", `/quotes/${"A".repeat(43)}.data`);

  // The quote list: every intent with wrong values.
  for (const n of BAD_NUMBERS)
    post(`add productId=${n}`, "/quote", form({ intent: "add", productId: n, quantity: "1" }));
  post("add a product that does not exist", "/quote", form({ intent: "add", productId: "999999", quantity: "1" }));
  for (const n of BAD_NUMBERS)
    post(`add quantity=${n}`, "/quote", form({ intent: "add", productId: String(spec.productId), quantity: n }));
  post(
    "add quantity 1,000,001",
    "/quote",
    form({ intent: "add", productId: String(spec.productId), quantity: "1000001" }),
  );
  for (const n of BAD_NUMBERS.slice(0, 8))
    post(
      `update quantity=${n}`,
      "/quote",
      form({ intent: "update", lineId: String(spec.listLineId), quantity: n, note: "" }),
    );
  for (const n of BAD_NUMBERS.slice(0, 6))
    post(`update lineId=${n}`, "/quote", form({ intent: "update", lineId: n, quantity: "2", note: "" }));
  post(
    "update note with a NUL",
    "/quote",
    form({ intent: "update", lineId: String(spec.listLineId), quantity: "2", note: "a\u0000b" }),
  );
  post(
    "update note of 1,001 characters",
    "/quote",
    form({ intent: "update", lineId: String(spec.listLineId), quantity: "2", note: "n".repeat(1001) }),
  );
  for (const n of BAD_NUMBERS.slice(0, 6)) post(`remove lineId=${n}`, "/quote", form({ intent: "remove", lineId: n }));
  post("quick-add of 20,001 characters", "/quote", form({ intent: "quick-add", lines: "x".repeat(20_001) }));
  for (const s of [
    "\u0000",
    "<script>alert(1)</script>",
    "NO-SUCH-PART 5",
    "' OR 1=1 --",
    "PG-1 x -5",
    "PG-1 x 99999999",
    "",
  ]) {
    post(`quick-add ${JSON.stringify(s).slice(0, 24)}`, "/quote", form({ intent: "quick-add", lines: s }), {
      withList: false,
    });
  }
  const freeForm = { intent: "add-free-form", description: "Stainless steel vessel", quantity: "1", targetPrice: "" };
  post("free-form without description", "/quote", form({ ...freeForm, description: "" }));
  post(
    "free-form description with control characters",
    "/quote",
    form({ ...freeForm, description: "Vessel\u0000\u001b[31m" }),
  );
  post("free-form description of 501 characters", "/quote", form({ ...freeForm, description: "d".repeat(501) }));
  for (const n of BAD_NUMBERS.slice(0, 8))
    post(`free-form quantity=${n}`, "/quote", form({ ...freeForm, quantity: n }));
  for (const n of ["-5", "abc", "1e309", "NaN", "$-1", "100000001"])
    post(`free-form targetPrice=${n}`, "/quote", form({ ...freeForm, targetPrice: n }));
  post(
    "free-form spec value of 201 characters",
    "/quote",
    form({ ...freeForm, spec0: "Pressure", value0: "v".repeat(201) }),
  );
  for (const intent of ["", "drop", "<script>", "ADD", "submit-request ", "__proto__", "constructor", "toString"]) {
    post(
      `unknown intent ${JSON.stringify(intent)}`,
      "/quote",
      form({ intent, productId: String(spec.productId), quantity: "1" }),
    );
  }
  post("no intent at all", "/quote", form({ productId: String(spec.productId), quantity: "1" }));
  post(
    "update of another buyer's line",
    "/quote",
    form({ intent: "update", lineId: String(spec.otherLineId), quantity: "77", note: "hijack" }),
  );
  post("removal of another buyer's line", "/quote", form({ intent: "remove", lineId: String(spec.otherLineId) }));

  // The request form: each field wrong in turn, on a list that has a line.
  const key = () =>
    Buffer.from(Array.from({ length: 32 }, () => Math.floor(Math.random() * 256))).toString("base64url");
  const request = () => ({
    intent: "submit-request",
    submissionKey: key(),
    formStartedAt: "0",
    company: "Hostile Input Co",
    contactName: "Mallory",
    email: "mallory@hostile.example",
    country: "United States",
    website: "",
  });
  for (const [field, value] of [
    ["company", ""],
    ["company", "c".repeat(201)],
    ["contactName", ""],
    ["email", "not-an-email"],
    ["email", "<script>@x.com"],
    ["email", `${"a".repeat(250)}@x.com`],
    ["email", "a@b"],
    ["country", ""],
    ["incoterm", "XYZ"],
    ["incoterm", "<script>"],
    ["neededBy", "2020-01-01"],
    ["neededBy", "tomorrow"],
    ["neededBy", "2027-02-31"],
    ["neededBy", "99999-01-01"],
    ["message", "m".repeat(5001)],
    ["phone", "p".repeat(51)],
    ["deliveryLocation", "l".repeat(301)],
    ["website", "http://spam.example"],
    ["submissionKey", ""],
    ["submissionKey", "short"],
    ["submissionKey", "../../../../etc/passwd/aaaaaaaaaaaaaaaaaaaaaaaaa"],
    ["submissionKey", `${"!".repeat(43)}`],
    ["company", "\u0000\u0000"],
    ["contactName", "\u0000 \u0000"],
  ] as const) {
    // Each on a list of its own: one request wrongly accepted would empty a shared list and hide the rest.
    post(`request ${field}=${JSON.stringify(value).slice(0, 24)}`, "/quote", form({ ...request(), [field]: value }), {
      withList: "fresh",
    });
  }
  const { company: _c, email: _e, ...withoutCompanyAndEmail } = request();
  post("request with fields missing", "/quote", form(withoutCompanyAndEmail), { withList: "fresh" });
  post("request on an empty list", "/quote", form(request()), { withList: false });

  // Encodings and sizes.
  post("JSON body", "/quote", JSON.stringify({ intent: "add", productId: spec.productId, quantity: 1 }), {
    contentType: "application/json",
  });
  post("text/plain body", "/quote", "intent=add", { contentType: "text/plain" });
  post("no content type", "/quote", "intent=add", { contentType: "" });
  post("multipart without boundary", "/quote", "garbage", { contentType: "multipart/form-data" });
  post("multipart with garbage", "/quote", "garbage\r\n--x--", { contentType: "multipart/form-data; boundary=x" });
  post("multipart cut short", "/quote", '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsubmit-req', {
    contentType: "multipart/form-data; boundary=x",
  });
  post("urlencoded body of 70 KB", "/quote", form({ intent: "quick-add", lines: "x".repeat(70_000) }));
  post(
    "invalid UTF-8 bytes",
    "/quote",
    Buffer.concat([
      Buffer.from("intent=update&lineId=1&quantity=2&note="),
      Buffer.from([0xc0, 0xaf, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
    ]),
  );
  post("invalid %-escapes in the body", "/quote", "intent=add&productId=%&quantity=%E0%A4%A");
  post("NUL bytes in the body", "/quote", Buffer.from("intent=\0add&productId=\0&quantity=1\0"));

  // The status page of a real request: message and withdraw gone wrong.
  const status = `/quotes/${spec.statusToken}`;
  for (const body of ["", "   ", "b".repeat(5001)])
    post(`message ${JSON.stringify(body).slice(0, 12)}`, status, form({ intent: "message", body }));
  post("message without body field", status, form({ intent: "message" }));
  post("message of NUL bytes", status, form({ intent: "message", body: "\u0000\u0000" }));
  for (const intent of ["", "delete", "<script>", "withdrawx"])
    post(`status intent ${JSON.stringify(intent)}`, status, form({ intent, body: "hello" }));
  post("message as JSON", status, JSON.stringify({ intent: "message", body: "hi" }), {
    contentType: "application/json",
  });
  post("message of 70 KB", status, form({ intent: "message", body: "b".repeat(70_000) }));
  post("message to a guessed link", `/quotes/${"B".repeat(43)}`, form({ intent: "message", body: "hello" }));
  post("withdraw a guessed link", `/quotes/${"C".repeat(43)}`, form({ intent: "withdraw" }));
  post("withdraw with a bad %-escape", "/quotes/%ZZ", form({ intent: "withdraw" }));

  // The quote's decisions (this request has no revision yet): accept, pay and ask for changes gone wrong.
  for (const [revisionId, method, poNumber] of [
    ["1", "card", ""],
    ["0", "invoice", "PO-1"],
    ["-1", "card", ""],
    ["abc", "card", ""],
    ["1e309", "invoice", "PO"],
    ["1", "bitcoin", ""],
    ["1", "invoice", ""],
    ["1", "invoice", "p".repeat(101)],
    ["1", "", ""],
    ["99999999999999999999", "card", ""],
  ] as const) {
    post(
      `accept revisionId=${revisionId} method=${method}`,
      status,
      form({ intent: "accept", revisionId, method, poNumber }),
    );
  }
  post("pay without an order", status, form({ intent: "pay" }));
  for (const body of ["", "c".repeat(5001), "\u0000"])
    post(`request changes ${JSON.stringify(body).slice(0, 12)}`, status, form({ intent: "request-changes", body }));
  post(
    "accept on a guessed link",
    `/quotes/${"D".repeat(43)}`,
    form({ intent: "accept", revisionId: "1", method: "card" }),
  );

  // The cart: every intent with wrong values (no cart cookie: nothing may be created for them).
  for (const n of BAD_NUMBERS)
    post(`cart add quantity=${n}`, "/cart", form({ intent: "add", productId: String(spec.productId), quantity: n }), {
      withList: false,
    });
  for (const n of BAD_NUMBERS.slice(0, 8))
    post(`cart add productId=${n}`, "/cart", form({ intent: "add", productId: n, quantity: "1" }), { withList: false });
  for (const n of BAD_NUMBERS.slice(0, 6))
    post(`cart update lineId=${n}`, "/cart", form({ intent: "update", lineId: n, quantity: "2" }), { withList: false });
  for (const intent of ["", "checkout", "<script>", "__proto__"])
    post(
      `cart intent ${JSON.stringify(intent)}`,
      "/cart",
      form({ intent, productId: String(spec.productId), quantity: "1" }),
      { withList: false },
    );

  // Checkout: each field wrong in turn (and no cart: nothing may be ordered).
  const checkout = () => ({
    company: "Hostile Input Co",
    contactName: "Mallory",
    email: "mallory@hostile.example",
    shippingAddress: "1 Evil Street, Nowhere 00000",
    poNumber: "",
    paymentMethod: "card",
    submissionKey: key(),
  });
  for (const [field, value] of [
    ["company", ""],
    ["company", "c".repeat(201)],
    ["email", "nope"],
    ["email", "<script>@x.com"],
    ["shippingAddress", "short"],
    ["shippingAddress", "a".repeat(1001)],
    ["paymentMethod", "bitcoin"],
    ["paymentMethod", "invoice"],
    ["poNumber", "p".repeat(101)],
    ["submissionKey", ""],
    ["submissionKey", "../../etc/passwd"],
    ["contactName", "\u0000\u0000"],
  ] as const) {
    post(
      `checkout ${field}=${JSON.stringify(value).slice(0, 24)}`,
      "/checkout",
      form({ ...checkout(), [field]: value }),
      { withList: false },
    );
  }
  post("checkout of an empty cart", "/checkout", form(checkout()), { withList: false });
  post("checkout as JSON", "/checkout", JSON.stringify(checkout()), {
    contentType: "application/json",
    withList: false,
  });

  // The Stripe webhook: unsigned, badly signed, or not JSON.
  for (const [body, signature] of [
    ['{"id":"evt_1","type":"checkout.session.completed"}', ""],
    ['{"id":"evt_1","type":"checkout.session.completed"}', "t=1,v1=00"],
    ["not json", `t=${Math.floor(Date.now() / 1000)},v1=${"a".repeat(64)}`],
    ["", "garbage"],
  ] as const) {
    corpus.push({
      name: `webhook ${JSON.stringify(signature).slice(0, 16)}`,
      method: "POST",
      url: "/webhooks/stripe",
      body,
      contentType: "application/json",
      stripeSignature: signature,
    });
  }

  // Forged and broken quote-list cookies.
  for (const cookie of [
    "quote_list=%ZZ",
    "quote_list=",
    "quote_list=e30=",
    "quote_list=bnVsbA==",
    "quote_list=IjxzY3JpcHQ+Ig==",
    "quote_list=!!!!",
    `quote_list=${"x".repeat(5000)}`,
    "quote_list=a; quote_list=b",
    "=; ;;==",
  ]) {
    corpus.push({ name: `cookie ${cookie.slice(0, 24)} GET`, method: "GET", url: "/quote", cookie });
    corpus.push({
      name: `cookie ${cookie.slice(0, 24)} remove`,
      method: "POST",
      url: "/quote",
      body: form({ intent: "remove", lineId: String(spec.listLineId) }),
      contentType: "application/x-www-form-urlencoded",
      cookie,
    });
  }

  // The same through the data endpoints that client-side navigation uses (`/quote.data`, …).
  for (const item of [...corpus]) {
    const [path, query] = item.url.split(/\?(.*)/s);
    if (item.method === "GET" && !/^\/(search|categories\/pressure-gauges|compare)$/.test(path)) continue;
    if (item.method === "GET" && corpus.indexOf(item) % 4 !== 0) continue; // a quarter of the queries
    const url = `${path}.data${query === undefined ? "" : `?${query}`}`;
    corpus.push({ ...item, name: `${item.name} (.data)`, url });
  }
  // Sign-in: every hostile string as the e-mail, and as the code of an address with none sent.
  const signIn = { withList: false, sameOrigin: true } as const;
  for (const str of HOSTILE_STRINGS) {
    post(
      `sign-in send email=${str.slice(0, 20)}`,
      "/sign-in",
      form({ intent: "send", email: str, redirectTo: str }),
      signIn,
    );
    post(
      `sign-in verify code=${str.slice(0, 20)}`,
      "/sign-in",
      form({ intent: "verify", email: "nobody@security.example", code: str, redirectTo: str }),
      signIn,
    );
    // Every byte escaped, lone surrogates too (encodeURIComponent throws on them).
    const token = [...Buffer.from(str.slice(0, 200))].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");
    get(`sign-in link ${str.slice(0, 20)}`, `/sign-in/link/${token}`);
    post(`sign-in link press ${str.slice(0, 20)}`, `/sign-in/link/${token}`, "", signIn);
  }
  return corpus;
}
