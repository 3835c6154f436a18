import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** `$DATA_DIR/archive/queue_history-<YYYY-MM-DD>.ndjson`, dated by the pass (UTC); appended to. */
export function archiveFilePath(dataDir: string, now: Date): string {
  return join(dataDir, 'archive', `queue_history-${now.toISOString().slice(0, 10)}.ndjson`);
}

/** Archived rows as NDJSON, one row per line, appended batch by batch. */
export class NdjsonArchiveFile {
  private ready: Promise<unknown> | null = null;

  constructor(readonly path: string) {}

  /** `lines`: NDJSON without the final newline. */
  async append(lines: string): Promise<void> {
    this.ready ??= mkdir(dirname(this.path), { recursive: true });
    await this.ready;
    await appendFile(this.path, `${lines}\n`, 'utf8');
  }
}
