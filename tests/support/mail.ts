import { expect } from "@playwright/test";

export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 3225);
export const MAIL_HTTP_PORT = SMTP_PORT + 1;

export type CaughtMail = {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Each attached file, its bytes in base64. */
  attachments: { filename: string; contentType: string; content: string }[];
};

/** Waits until the SMTP catcher has a message matching `predicate`, and returns it. */
export async function waitForMail(predicate: (mail: CaughtMail) => boolean): Promise<CaughtMail> {
  let found: CaughtMail | undefined;
  await expect
    .poll(
      async () => {
        const messages = (await (await fetch(`http://127.0.0.1:${MAIL_HTTP_PORT}/messages`)).json()) as CaughtMail[];
        found = messages.find(predicate);
        return Boolean(found);
      },
      { timeout: 40_000 },
    )
    .toBe(true);
  return found!;
}
