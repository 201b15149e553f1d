import type { ServerBuild } from "@remix-run/node";
import type * as Entry from "~/entry.server";

/** Exit code of a process whose environment is invalid: restarting it would not help. */
export const EXIT_CONFIG = 78;

/** The Remix build, with what its entry module gives the server (page cache, files, database). */
export type AppBuild = ServerBuild & { entry: { module: typeof Entry } };

/**
 * Loads the server build (build/index.js, beside this file's folder). Its modules validate the
 * environment and open the database on import: a bad setting ends the process with one clear
 * message instead of a stack trace.
 */
export async function loadBuild(): Promise<AppBuild> {
  try {
    return (await import(new URL("../index.js", import.meta.url).href)) as AppBuild;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith("Invalid environment")) {
      console.error(
        `IronAxis cannot start. ${message}\nFix these variables (see README, "Configuration") and start again.`,
      );
      process.exit(EXIT_CONFIG);
    }
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND" && /build[\\/]index\.js/.test(message)) {
      console.error("IronAxis cannot start: no server build. Run `npm run build` first.");
      process.exit(1);
    }
    console.error(`IronAxis cannot start: ${message}`);
    process.exit(1);
  }
}
