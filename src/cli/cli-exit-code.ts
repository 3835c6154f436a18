import { Injectable } from '@nestjs/common';

/** What the CLI exits with when no command threw: a command that found a problem says so here. */
@Injectable()
export class CliExitCode {
  code = 0;

  fail(code = 1): void {
    this.code = Math.max(this.code, code);
  }
}
