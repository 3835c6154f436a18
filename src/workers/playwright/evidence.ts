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

export interface EvidenceFormat {
  readonly type: 'png' | 'jpeg';
  /** JPEG only, 1–100. */
  readonly quality: number;
}

const PNG: EvidenceFormat = { type: 'png', quality: 100 };

/**
 * One screenshot of the result (+ HTML on failures only) under `<dir>/<jobId>/<directoryId>-a<attempt>`.
 * JPEG encodes in a fraction of PNG's CPU for a page of text and flat colour. Never throws.
 */
export class EvidenceRecorder {
  private readonly madeDirs = new Set<string>();

  constructor(
    private readonly evidenceDir: string,
    private readonly format: EvidenceFormat = PNG,
  ) {}

  /** Returns the screenshot path relative to the evidence directory, or null when none was taken. */
  async record(page: Page, target: EvidenceTarget, withHtml: boolean): Promise<string | null> {
    const folder = safeSegment(target.jobId);
    const base = `${safeSegment(target.directoryId)}-a${Math.max(0, Math.trunc(target.attempt))}`;
    const file = `${base}.${this.format.type === 'jpeg' ? 'jpg' : 'png'}`;
    try {
      await this.ensureDir(join(this.evidenceDir, folder));
      const [shot] = await Promise.all([
        this.screenshot(page, join(this.evidenceDir, folder, file)),
        withHtml ? this.html(page, join(this.evidenceDir, folder, `${base}.html`)) : Promise.resolve(),
      ]);
      return shot ? `${folder}/${file}` : null;
    } catch {
      return null;
    }
  }

  private async screenshot(page: Page, path: string): Promise<boolean> {
    try {
      const { type, quality } = this.format;
      const options = { type, fullPage: false, caret: 'initial', timeout: EVIDENCE_TIMEOUT_MS } as const;
      const shot = page.screenshot(type === 'jpeg' ? { ...options, quality } : options);
      await writeFile(path, await withTimeout(shot, EVIDENCE_TIMEOUT_MS + 500, 'screenshot'));
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
