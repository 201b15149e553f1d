import fs from "node:fs";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { outboxEmails, quoteAttachments, quoteMessages } from "~db/schema";
import type { StoredFile } from "~/lib/attachments.server";
import { db } from "~/lib/db.server";
import type { FormResult } from "~/lib/forms";
import { makeQuoteRequest, makeSalesUser } from "../../tests/support/factories";
import { readDecisionForm } from "./buyer-quote-page.server";
import { postWithFiles } from "./quote-messages.server";
import { getQuoteAttachment, getQuoteRequestById, postBuyerMessage } from "./quote-request.server";
import { postSalesMessageForm } from "./sales-quote-page.server";

// A folder of this file's own for uploads, set before the upload modules read UPLOAD_DIR.
const uploadDir = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(`${tmpdir()}/ironaxis-messages-`);
  process.env.UPLOAD_DIR = dir;
  return dir;
});

afterAll(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

const PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
const STEP = "ISO-10303-21;\nHEADER;\nENDSEC;\nEND-ISO-10303-21;\n";

/** Everything in the upload folder, the files still arriving included. */
const filesOnDisk = () =>
  fs.readdirSync(uploadDir, { recursive: true, encoding: "utf8" }).filter((name) => name !== ".incoming");

/** A message form as a browser sends it: the fields, then each chosen file in `files`. */
function messageRequest(fields: Record<string, string>, files: { name: string; content: string }[] = []) {
  const boundary = "----message-test";
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  for (const file of files)
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n${file.content}\r\n`,
    );
  parts.push(`--${boundary}--\r\n`);
  return new Request("http://localhost/quotes/x", {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    body: parts.join(""),
  });
}

/** The action's answer: a redirect's status, or a refused form's status and result. */
async function answer(action: Promise<Response | { data: FormResult; init: ResponseInit | null }>) {
  const result = await action;
  if (result instanceof Response) return { status: result.status, form: undefined };
  return { status: result.init?.status, form: result.data };
}

const filesOf = (requestId: number) =>
  db.select().from(quoteAttachments).where(eq(quoteAttachments.requestId, requestId)).all();

describe("who wrote a message", () => {
  it("is named: the sales user, a company's person; a guest's message is the request's contact's", async () => {
    const user = await makeSalesUser();
    const { request, token } = makeQuoteRequest();
    expect(
      (await answer(postSalesMessageForm(messageRequest({ intent: "message", body: "Hi" }), request.id, user))).status,
    ).toBe(302);
    expect(postBuyerMessage(token, "From the plant", [], { name: "", email: "ops@acme.example" })).toBe(true);
    expect(postBuyerMessage(token, "As a guest")).toBe(true);
    expect(getQuoteRequestById(request.id)!.messages.map(({ author, authorName }) => [author, authorName])).toEqual([
      ["sales", user.name],
      ["buyer", "ops@acme.example"],
      ["buyer", ""],
    ]);
  });
});

describe("messages with files", () => {
  it("sales' reply carries its files: under the message, named in the buyer's e-mail, not among the request's own", async () => {
    const user = await makeSalesUser();
    const { request, token } = makeQuoteRequest();
    const sent = await answer(
      postSalesMessageForm(
        messageRequest({ intent: "message", body: "Our drawing and the 3D model." }, [
          { name: "GA drawing.pdf", content: PDF },
          { name: "bracket.step", content: STEP },
        ]),
        request.id,
        user,
      ),
    );
    expect(sent.status).toBe(302);

    const page = getQuoteRequestById(request.id)!;
    expect(page.attachments).toEqual([]);
    const [message] = page.messages;
    expect(message).toMatchObject({ author: "sales", body: "Our drawing and the 3D model." });
    expect(message.files.map((file) => [file.originalName, file.contentType])).toEqual([
      ["GA drawing.pdf", "application/pdf"],
      ["bracket.step", "model/step"],
    ]);
    const rows = filesOf(request.id);
    expect(rows.every((row) => row.messageId === message.id)).toBe(true);
    for (const row of rows) expect(filesOnDisk()).toContain(row.storedName);
    // The buyer's link reaches them; another request's link does not.
    expect(getQuoteAttachment(token, rows[0].id)?.storedName).toBe(rows[0].storedName);
    expect(getQuoteAttachment(makeQuoteRequest().token, rows[0].id)).toBeUndefined();

    const mail = db
      .select()
      .from(outboxEmails)
      .where(
        and(
          eq(outboxEmails.to, request.email),
          eq(outboxEmails.subject, `IronAxis sales replied on ${request.reference}`),
        ),
      )
      .get()!;
    expect(mail.text).toContain("2 files came with it");
    expect(mail.text).toContain("- GA drawing.pdf\n- bracket.step");
    expect(mail.html).toContain("<li>bracket.step</li>");
    expect(mail.text).not.toContain("ISO-10303-21");
  });

  it("a message may be files only, or words only, but not neither (said at the words)", async () => {
    const user = await makeSalesUser();
    const { request } = makeQuoteRequest();
    const filesOnly = messageRequest({ intent: "message", body: "  " }, [{ name: "spec.pdf", content: PDF }]);
    expect((await answer(postSalesMessageForm(filesOnly, request.id, user))).status).toBe(302);
    const wordsOnly = messageRequest({ intent: "message", body: "Lead time is 6 weeks." });
    expect((await answer(postSalesMessageForm(wordsOnly, request.id, user))).status).toBe(302);
    const neither = await answer(
      postSalesMessageForm(messageRequest({ intent: "message", body: "" }), request.id, user),
    );
    expect(neither).toMatchObject({
      status: 400,
      form: { intent: "message", fieldErrors: { body: "Write a message or attach a file" } },
    });

    const messages = getQuoteRequestById(request.id)!.messages;
    expect(messages.map((message) => [message.body, message.files.map((file) => file.originalName)])).toEqual([
      ["", ["spec.pdf"]],
      ["Lead time is 6 weeks.", []],
    ]);
  });

  it("a file of a kind not taken refuses the message at the file field, keeps the words and leaves nothing behind", async () => {
    const user = await makeSalesUser();
    const { request } = makeQuoteRequest();
    const before = filesOnDisk().length;
    const fields = { intent: "message", body: "Please see the attachments." };
    const files = [
      { name: "drawing.pdf", content: PDF },
      { name: "invoice.pdf", content: "MZ\x90\0 not a drawing" },
    ];

    const refused = await answer(postSalesMessageForm(messageRequest(fields, files), request.id, user));
    expect(refused).toMatchObject({
      status: 400,
      form: {
        intent: "message",
        fieldErrors: { files: "“invoice.pdf” is not a PDF, PNG, JPEG, DXF or STEP file." },
        values: { body: "Please see the attachments." },
      },
    });

    // The buyer's page reads its message form the same way.
    const buyer = await readDecisionForm(messageRequest(fields, files));
    expect(buyer.files).toEqual([]);
    expect(await answer(Promise.resolve(buyer.refused!))).toMatchObject({
      status: 400,
      form: { fieldErrors: { files: expect.stringContaining("“invoice.pdf” is not") }, values: fields },
    });

    const tooMany = Array.from({ length: 6 }, (_, i) => ({ name: `sheet-${i}.pdf`, content: PDF }));
    expect(await answer(postSalesMessageForm(messageRequest(fields, tooMany), request.id, user))).toMatchObject({
      status: 400,
      form: { fieldErrors: { files: "Attach at most 5 files (you chose 6)." } },
    });

    expect(db.select().from(quoteMessages).where(eq(quoteMessages.requestId, request.id)).all()).toEqual([]);
    expect(filesOf(request.id)).toEqual([]);
    expect(filesOnDisk().length).toBe(before);
    expect(getQuoteRequestById(request.id)!.messages).toEqual([]);
  });

  it("a body larger than any message may be is refused with a clear 413, the words kept when they arrived first", async () => {
    const user = await makeSalesUser();
    const { request } = makeQuoteRequest();
    const before = filesOnDisk().length;
    const declared = () => {
      const sent = messageRequest({ intent: "message", body: "Six drawings." });
      const headers = new Headers(sent.headers);
      headers.set("Content-Length", String(200 * 1024 * 1024));
      return new Request(sent.url, { method: "POST", headers, body: "" });
    };
    // Refused for its declared size, unread: sales' page has one form with files, the message.
    expect(await answer(postSalesMessageForm(declared(), request.id, user))).toMatchObject({
      status: 413,
      form: { intent: "message", fieldErrors: { files: "The files are too large: at most 5 files of 10 MB each." } },
    });
    // The buyer's page has two: which one it was is not known, so it is said above the page.
    expect(await answer(Promise.resolve((await readDecisionForm(declared())).refused!))).toMatchObject({
      status: 413,
      form: { formError: expect.stringContaining("a message may carry at most 5 files of 10 MB each") },
    });

    // Sent in pieces with no length, the words arrive before the files and are kept.
    const boundary = "----chunked-message";
    const file = (i: number) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="d${i}.pdf"\r\n\r\n${PDF}${" ".repeat(9 * 1024 * 1024)}\r\n`;
    const pieces = [
      `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nmessage\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\nSix drawings.\r\n`,
      ...Array.from({ length: 6 }, (_, i) => file(i)),
      `--${boundary}--\r\n`,
    ];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const piece = pieces.shift();
        if (piece) controller.enqueue(new TextEncoder().encode(piece));
        else controller.close();
      },
    });
    const chunked = new Request("http://localhost/admin/quotes/1", {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: "half",
    } as RequestInit);
    expect(await answer(postSalesMessageForm(chunked, request.id, user))).toMatchObject({
      status: 413,
      form: {
        fieldErrors: { files: "The files are too large: at most 5 files of 10 MB each." },
        values: { body: "Six drawings." },
      },
    });
    expect(getQuoteRequestById(request.id)!.messages).toEqual([]);
    expect(filesOnDisk().length).toBe(before);
  });

  it("the buyer's message with files: one transaction, and when it fails no message, no file rows and no files remain", async () => {
    const { request, token } = makeQuoteRequest();
    const before = filesOnDisk().length;
    const read = await readDecisionForm(
      messageRequest({ intent: "message", body: "Revised layout attached." }, [{ name: "layout.pdf", content: PDF }]),
    );
    expect(read.refused).toBeUndefined();
    expect(read.files.map((file) => file.name)).toEqual(["layout.pdf"]);

    // A second file whose row cannot be written (no name): the whole message is rolled back.
    const broken = { originalName: null, storedName: "x.pdf", contentType: "application/pdf", sizeBytes: 1 };
    expect(() =>
      postWithFiles(read.files, (files) =>
        postBuyerMessage(token, "Revised layout attached.", [...files, broken as unknown as StoredFile]),
      ),
    ).toThrow();
    expect(db.select().from(quoteMessages).where(eq(quoteMessages.requestId, request.id)).all()).toEqual([]);
    expect(filesOf(request.id)).toEqual([]);
    const mails = db
      .select()
      .from(outboxEmails)
      .where(eq(outboxEmails.subject, `Message on ${request.reference} from ${request.company}`))
      .all();
    expect(mails).toEqual([]);
    expect(filesOnDisk().length).toBe(before);

    // Sent again, it is written with its file, and sales' e-mail names it.
    const again = await readDecisionForm(
      messageRequest({ intent: "message", body: "Revised layout attached." }, [{ name: "layout.pdf", content: PDF }]),
    );
    expect(postWithFiles(again.files, (files) => postBuyerMessage(token, "Revised layout attached.", files))).toBe(
      true,
    );
    const [message] = getQuoteRequestById(request.id)!.messages;
    expect(message.files.map((file) => file.originalName)).toEqual(["layout.pdf"]);
    const mail = db
      .select()
      .from(outboxEmails)
      .where(eq(outboxEmails.subject, `Message on ${request.reference} from ${request.company}`))
      .get()!;
    expect(mail.text).toContain("1 file came with it, to download from the request’s page:\n- layout.pdf");
    expect(filesOnDisk().length).toBe(before + 1);
  });
});
