import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/app-config';
import { configureHttp } from '../../src/http/configure-http';
import { SUBMITTER, type SubmissionOutcome, type Submitter } from '../../src/workers/submitter.port';

/** Answers at once: what is measured is the pipeline around the browser (API, events, queue, worker, projections) and its logs. */
const instant: Submitter = {
  submit: async (): Promise<SubmissionOutcome> => ({ kind: 'success', listingUrl: null, evidencePath: null, mappingUsed: null }),
  close: async () => undefined,
};

/**
 * Every role in one process, as `node dist/src/main.js` runs it (pino JSON lines on stdout through
 * nestjs-pino, LOG_LEVEL from the environment), with the browser submitter swapped for an instant
 * one. Writes `READY <url>` on stderr once listening; closes on SIGTERM.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(SUBMITTER)
    .useValue(instant)
    .compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  app.useLogger(app.get(PinoNestLogger));
  configureHttp(app, config);
  await app.listen(0, '127.0.0.1');
  process.stderr.write(`READY ${(await app.getUrl()).replace('[::1]', '127.0.0.1')}\n`);
  process.once('SIGTERM', () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
