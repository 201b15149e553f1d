import { describe, expect, it } from "vitest";
import { env } from "~/lib/env.server";
import { writeLockHolder } from "../../tests/support/write-lock";
import { loader } from "./healthz";

const writeLock = writeLockHolder(env.DATABASE_PATH);

describe("/healthz", () => {
  it("answers 200 with read and write when the database is free", async () => {
    const response = await loader();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { read: true, write: true } });
  });

  it("answers 503 with write: false, without waiting out the requests' busy timeout, while another process holds the write lock", async () => {
    writeLock.hold();
    const response = await loader();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable", database: { read: true, write: false } });
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  }, 1_500);
});
