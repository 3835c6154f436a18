import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { withTimeout } from '../browser/with-timeout';

export interface EvidenceTarget {
  readonly jobId: string;
  readonly directoryId: string;
  readonly attempt: number;
}

/** A page stuck mid-navigation can block screenshots and content() indefinitely. */
const EVIDENCE_TIMEOUT_MS = 3_000;

/** Screenshot (+ HTML on failures) under `<dir>/<jobId>/<directoryId>-a<attempt>`. Never throws. */
export class EvidenceRecorder {
  private readonly madeDirs = new Set<string>();

  constructor(private readonly evidenceDir: string) {}

  /** Returns the screenshot path relative to the evidence directory, or null when none was taken. */
  async record(page: Page, target: EvidenceTarget, withHtml: boolean): Promise<string | null> {
    const folder = safeSegment(target.jobId);
    const base = `${safeSegment(target.directoryId)}-a${Math.max(0, Math.trunc(target.attempt))}`;
    try {
      await this.ensureDir(join(this.evidenceDir, folder));
      const [shot] = await Promise.all([
        this.screenshot(page, join(this.evidenceDir, folder, `${base}.png`)),
        withHtml ? this.html(page, join(this.evidenceDir, folder, `${base}.html`)) : Promise.resolve(),
      ]);
      return shot ? `${folder}/${base}.png` : null;
    } catch {
      return null;
    }
  }

  private async screenshot(page: Page, path: string): Promise<boolean> {
    try {
      const shot = page.screenshot({ type: 'png', fullPage: false, caret: 'initial', timeout: EVIDENCE_TIMEOUT_MS });
      const png = await withTimeout(shot, EVIDENCE_TIMEOUT_MS + 500, 'screenshot');
      await writeFile(path, png);
      return true;
    } catch {
      return false;
    }
  }

  private async html(page: Page, path: string): Promise<void> {
    try {
      await writeFile(path, await withTimeout(page.content(), EVIDENCE_TIMEOUT_MS, 'page content'));
    } catch {
      // evidence is best effort: the outcome stands without it
    }
  }

  private async ensureDir(path: string): Promise<void> {
    if (this.madeDirs.has(path)) return;
    await mkdir(path, { recursive: true });
    if (this.madeDirs.size > 10_000) this.madeDirs.clear();
    this.madeDirs.add(path);
  }
}

/** Ids become single path segments: no separators, no `..`. */
export function safeSegment(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return cleaned.slice(0, 120) || '_';
}
