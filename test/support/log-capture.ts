import type { TestingModuleBuilder } from '@nestjs/testing';
import { LOG_SINK, type LogSink } from '../../src/observability/logging/logging.module';

export type LogLine = Readonly<Record<string, unknown>>;

/** The app's log stream, kept in memory: every line parsed as the JSON it must be. */
export class LogCapture {
  readonly raw: string[] = [];
  readonly lines: LogLine[] = [];
  private partial = '';

  readonly sink: LogSink = {
    terminal: false,
    stream: {
      write: (chunk: string) => {
        const text = this.partial + chunk;
        const complete = text.split('\n');
        this.partial = complete.pop() ?? '';
        for (const line of complete) {
          this.raw.push(line);
          this.lines.push(JSON.parse(line) as LogLine);
        }
      },
    },
  };

  /** For bootApp's `override`: the app writes here instead of stdout. */
  readonly override = (builder: TestingModuleBuilder): TestingModuleBuilder => builder.overrideProvider(LOG_SINK).useValue(this.sink);

  where(predicate: (line: LogLine) => boolean): LogLine[] {
    return this.lines.filter(predicate);
  }
}
