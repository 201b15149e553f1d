/**
 * `npm run jobs`: does once what the server does each minute (quotes past validity expire,
 * reminders that are due are queued, unpaid card orders of lapsed quotes are cancelled), for a
 * cron on a machine where the site is down, or to see what is due now. E-mail queued here goes out
 * with the next server's outbox sender.
 */
import { closeDatabase } from "../app/lib/db.server";
import { runScheduledJobs } from "../app/lib/scheduled-jobs.server";

const done = await runScheduledJobs();
console.log(`${done.reminders} reminders queued, ${done.lapsedSessions} checkout sessions expired`);
closeDatabase();
