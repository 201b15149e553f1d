/**
 * Back-office sign-in under attack, over HTTP against a production server: a wrong password and
 * an unknown account answer alike; guessing is throttled after at most 50 failures per account
 * from unknown browsers (even when the guesses come from ever-new addresses) and 10 per address;
 * hostile bodies get 4xx.
 */
import { execFileSync } from "node:child_process";
import { freshDatabase, pool, startServer } from "./harness";
import { figure, type Figure } from "./figures";

const EMAIL = "target@ironaxis.test";
const PASSWORD = "the-right-password-123";

export async function signInAttacks(): Promise<Figure[]> {
  const database = freshDatabase("sign-in");
  execFileSync("npx", ["tsx", "db/admin-create.ts", "--email", EMAIL, "--role", "admin"], {
    env: { ...process.env, DATABASE_PATH: database, ADMIN_PASSWORD: PASSWORD },
    stdio: "ignore",
  });
  // Behind a proxy, so each attempt can claim its own client address.
  const server = await startServer(database, 3415, { TRUST_PROXY: "1", WEB_CONCURRENCY: "2" });
  const attempt = async (
    form: Record<string, string> | string,
    address: string,
    contentType = "application/x-www-form-urlencoded",
  ) => {
    const response = await fetch(`${server.origin}/admin/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.origin, "Content-Type": contentType, "X-Forwarded-For": address },
      body: typeof form === "string" ? form : new URLSearchParams(form),
    });
    const text = await response.text();
    return {
      status: response.status,
      message: /<div class="error-summary".*?<li>([^<]*)</.exec(text)?.[1] ?? text.slice(0, 80),
    };
  };
  const t = "sign-in";
  try {
    // Same words and status for an unknown account and a wrong password (fresh addresses).
    const unknown = await attempt({ email: "nobody@ironaxis.test", password: "guess" }, "10.0.0.1");
    const wrong = await attempt({ email: EMAIL, password: "guess" }, "10.0.0.2");
    const alike = unknown.status === wrong.status && unknown.message === wrong.message;

    // 60 guesses at one account within a minute, each from a new address.
    const account = [];
    for (let i = 0; i < 60; i++) account.push(await attempt({ email: EMAIL, password: `guess-${i}` }, `10.1.${i}.1`));
    const firstRefusal = account.findIndex((a) => a.status === 429) + 1;
    const failuresBefore = firstRefusal - 1 + 1; // the wrong-password probe above counts too
    const rightAfter = await attempt({ email: EMAIL, password: PASSWORD }, "10.9.9.9");

    // One address spraying many accounts.
    const spray = [];
    for (let i = 0; i < 20; i++)
      spray.push(await attempt({ email: `user-${i}@ironaxis.test`, password: "Winter2026!" }, "10.2.0.1"));
    const sprayRefusal = spray.findIndex((a) => a.status === 429) + 1;

    // Hostile bodies: none may answer 5xx or sign anybody in.
    const hostile: [Record<string, string> | string, string?][] = [
      [{}],
      [{ email: EMAIL }],
      [{ password: PASSWORD }],
      [{ email: "x".repeat(5000), password: "y" }],
      [{ email: EMAIL, password: "p".repeat(100_000) }],
      [{ email: "' OR 1=1 --", password: "' OR '1'='1" }],
      [{ email: `${EMAIL}\u0000`, password: PASSWORD }],
      [{ email: "<script>alert(1)</script>", password: "x" }],
      ["email=%ff%fe&password=%c3%28"],
      ["email=a&email=b&password=c&password=d"],
      ["%%%%", "application/x-www-form-urlencoded"],
      [JSON.stringify({ email: EMAIL, password: PASSWORD }), "application/json"],
      ["--x\r\nContent-Disposition: form-data; name=email\r\n\r\na\r\n--x--", "multipart/form-data; boundary=x"],
    ];
    const answers = await pool(hostile, 4, ([body, type], i) => attempt(body, `10.3.${i}.1`, type));
    const hostileOk = answers.every((a) => a.status >= 400 && a.status < 500);
    return [
      figure(
        t,
        "unknown account vs wrong password",
        `${unknown.status} “${unknown.message}” / ${wrong.status} “${wrong.message}”`,
        alike && unknown.status === 401,
      ),
      figure(
        t,
        "failures on one account before it is throttled (new address each)",
        `${failuresBefore} (first 429 at guess ${firstRefusal} of 60)`,
        firstRefusal > 0 && failuresBefore <= 50,
      ),
      figure(t, "right password from an unknown browser while throttled", rightAfter.status, rightAfter.status === 429),
      figure(
        t,
        "failures from one address across accounts before 429",
        sprayRefusal - 1,
        sprayRefusal > 0 && sprayRefusal - 1 <= 10,
      ),
      figure(t, `${hostile.length} hostile sign-in bodies: 4xx`, answers.map((a) => a.status).join(" "), hostileOk),
    ];
  } finally {
    await server.stop();
  }
}
