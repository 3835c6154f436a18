import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { join } from 'node:path';

/** Where the operations console is served. */
export const CONSOLE_PATH = '/console';

/** Next to this file in src/ (tests) and in dist/ (nest-cli.json copies them there). */
export const CONSOLE_ASSETS_DIR = join(__dirname, 'public');

/**
 * The console's headers: helmet's strict defaults (scripts and styles from this origin only,
 * no inline script) plus `blob:` images, since evidence screenshots need the bearer header and
 * are fetched as blobs. No upgrade-insecure-requests, for the same reason as the docs UI: a
 * plain-http deployment would otherwise get a blank page.
 */
export function consoleHeaders(): ReturnType<typeof helmet> {
  return helmet({
    contentSecurityPolicy: {
      directives: { imgSrc: ["'self'", 'blob:'], upgradeInsecureRequests: null },
    },
  });
}

/** True for the console's own URLs (not for /consoles or /console-x). */
export function isConsolePath(url: string): boolean {
  return url === CONSOLE_PATH || url.startsWith(`${CONSOLE_PATH}/`) || url.startsWith(`${CONSOLE_PATH}?`);
}

/**
 * Static files, no server-side rendering: every panel reads the same staff API an operator's
 * script would, so the console needs no endpoints of its own and cannot see more than its session.
 */
export function mountConsole(app: NestExpressApplication): void {
  app.useStaticAssets(CONSOLE_ASSETS_DIR, {
    prefix: CONSOLE_PATH,
    index: 'index.html',
    // Small files that change with a release: revalidate each time rather than serve a stale script.
    maxAge: 0,
    fallthrough: true,
  });
}
