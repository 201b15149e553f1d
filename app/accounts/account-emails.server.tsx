import { renderToStaticMarkup } from "react-dom/server";
import { env } from "~/lib/env.server";
import type { OutgoingEmail } from "~/quotes/quote-emails.server";
import { SIGN_IN_CODE_MINUTES } from "./sign-in-rules";
import { safeAccountRedirect } from "./customer-session.server";

/** The one-time sign-in: a code to type where the buyer asked for it, and a link for this device. */
export function signInCodeEmail(email: string, code: string, linkToken: string, returnTo = ""): OutgoingEmail {
  // The link returns where the code would (a quote the buyer was sent to sign in for), checked again when used.
  const back = safeAccountRedirect(returnTo);
  const link = new URL(
    `/sign-in/link/${linkToken}${back === "/account" ? "" : `?redirectTo=${encodeURIComponent(back)}`}`,
    env.SITE_URL,
  ).toString();
  // Not the code: staff read subjects in the outbox, and a code there would let them sign in as the buyer.
  const subject = "Your IronAxis sign-in code";
  const text = [
    `Your sign-in code is ${code}.`,
    "",
    `Or open this link on the device you are signing in on: ${link}`,
    "",
    `The code and the link work once, for ${SIGN_IN_CODE_MINUTES} minutes. If you did not ask to sign in, ignore this e-mail: nobody can sign in without it.`,
  ].join("\n");
  const html = renderToStaticMarkup(
    <div>
      <p>
        Your sign-in code is <strong style={{ fontSize: "1.5em", letterSpacing: "0.1em" }}>{code}</strong>.
      </p>
      <p>
        Or <a href={link}>sign in with this link</a> on the device you are signing in on.
      </p>
      <p>
        The code and the link work once, for {SIGN_IN_CODE_MINUTES} minutes. If you did not ask to sign in, ignore this
        e-mail: nobody can sign in without it.
      </p>
    </div>,
  );
  return { to: email, subject, text, html };
}
