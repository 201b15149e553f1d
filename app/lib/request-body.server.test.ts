import { describe, expect, it } from "vitest";
import { limitBody, readForm, sentAs } from "./request-body.server";

const post = (body: BodyInit, type = "application/x-www-form-urlencoded") =>
  new Request("http://test/quote", {
    method: "POST",
    headers: { "Content-Type": type },
    body,
    duplex: "half",
  } as RequestInit);

async function statusOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 200;
  } catch (error) {
    return error instanceof Response ? error.status : 500;
  }
}

describe("readForm", () => {
  it("reads a url-encoded form", async () => {
    expect((await readForm(post("intent=add&quantity=2"))).get("quantity")).toBe("2");
  });

  it("reads a Content-Type in any case, as media types are", async () => {
    expect(
      (await readForm(post("quantity=2", "APPLICATION/X-WWW-FORM-URLENCODED; Charset=UTF-8"))).get("quantity"),
    ).toBe("2");
    expect(sentAs(post("", "Multipart/Form-Data; boundary=x"), "multipart/form-data")).toBe(true);
  });

  it("refuses bytes that are not UTF-8 (they would be stored as replacement marks)", async () => {
    const body = Buffer.concat([Buffer.from("note="), Buffer.from([0xc0, 0xaf, 0xff])]);
    expect(await statusOf(readForm(post(body)))).toBe(400);
  });

  it("refuses other encodings and bodies over the limit, even without a Content-Length", async () => {
    expect(await statusOf(readForm(post("{}", "application/json")))).toBe(415);
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 100; i++) controller.enqueue(new Uint8Array(1024).fill(0x61));
        controller.close();
      },
    });
    const refused = await readForm(post(chunked), 64 * 1024).catch((thrown: Response) => thrown);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(413);
    // Nothing of it can be shown again: the person is told what to do, in words.
    expect(await (refused as Response).text()).toBe(
      "The form was too large to send (over 64 KB): shorten the longest field, then send it again.",
    );
  });
});

describe("limitBody", () => {
  it("passes a body within the limit and breaks one over it off, saying so", async () => {
    const small = limitBody(post("a".repeat(100)), 1000);
    expect(await small.request.text()).toHaveLength(100);
    expect(small.exceeded()).toBe(false);
    const large = limitBody(post("a".repeat(5000)), 1000);
    await expect(large.request.text()).rejects.toThrow();
    expect(large.exceeded()).toBe(true);
  });
});
