import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { ScrapeFigures, ScrapePlan } from './scrape-client';

/** Runs the scraper in a child process (compiled beside this file) and returns its figures. */
export function scrape(plan: ScrapePlan): Promise<ScrapeFigures> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(__dirname, 'scrape-client.js'), JSON.stringify(plan)], (error, stdout, stderr) => {
      if (error) return reject(new Error(`scraper failed: ${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout) as ScrapeFigures);
    });
  });
}
