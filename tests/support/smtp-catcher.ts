/**
 * A real SMTP server on loopback that keeps what it receives, for the end-to-end tests.
 * `tsx tests/support/smtp-catcher.ts <smtp port> <http port>`; GET http://127.0.0.1:<http>/messages
 * lists the parsed messages as JSON.
 */
import http from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { CaughtMail } from "./mail";

const [smtpPort, httpPort] = process.argv.slice(2).map(Number);
type Caught = CaughtMail & { receivedAt: string };
const messages: Caught[] = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["AUTH", "STARTTLS"],
  size: 5 * 1024 * 1024,
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : (mail.to?.text ?? "");
        messages.push({
          to,
          from: mail.from?.text ?? "",
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          html: typeof mail.html === "string" ? mail.html : "",
          attachments: mail.attachments.map((file) => ({
            filename: file.filename ?? "",
            contentType: file.contentType,
            content: file.content.toString("base64"),
          })),
          receivedAt: new Date().toISOString(),
        });
        callback();
      })
      .catch(callback);
  },
});
smtp.listen(smtpPort, "127.0.0.1");

http
  .createServer((req, res) => {
    if (req.url === "/messages") {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(messages));
    } else {
      res.writeHead(req.url === "/healthz" ? 200 : 404).end();
    }
  })
  .listen(httpPort, "127.0.0.1");
