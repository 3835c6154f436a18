import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import { destination, type DestinationStream, type Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { RequestLogIdsInterceptor } from './request-log-ids.interceptor';
import { createRequestLogging } from './request-logging';
import { createRootLogger } from './root-logger';

/** Where log lines go: stdout by default; tests replace it to read the lines. */
export interface LogSink {
  readonly stream: DestinationStream;
  /** A terminal gets pretty lines under LOG_FORMAT=auto. */
  readonly terminal: boolean;
}

export const LOG_SINK = Symbol('LOG_SINK');
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
export const REQUEST_LOGGING = Symbol('REQUEST_LOGGING');

/** Synchronous writes: the last lines before an exit (a failed boot, a clean stop) are not lost. */
const stdoutSink = (): LogSink => ({ stream: destination({ fd: 1, sync: true }), terminal: process.stdout.isTTY === true });

/** Nest's logger while the app is being built (a failed boot included): the same lines the app's logger writes. */
export function createBootLogger(config: AppConfig): PinoNestLogger {
  const sink = stdoutSink();
  return new PinoNestLogger(new PinoLogger({ pinoHttp: { logger: createRootLogger(config.logging, sink.stream, sink.terminal) } }), {});
}

/**
 * The app's logging: the root logger, nestjs-pino's Nest logger over it (main.ts installs it), and
 * the request logging that configureHttp mounts at the edge.
 */
@Global()
@Module({
  providers: [
    { provide: LOG_SINK, useFactory: stdoutSink },
    {
      provide: ROOT_LOGGER,
      inject: [APP_CONFIG, LOG_SINK],
      useFactory: (config: AppConfig, sink: LogSink) => createRootLogger(config.logging, sink.stream, sink.terminal),
    },
    // nestjs-pino's loggers over our root, without its middleware: configureHttp mounts ours at the edge.
    { provide: PinoLogger, inject: [ROOT_LOGGER], useFactory: (logger: Logger) => new PinoLogger({ pinoHttp: { logger } }) },
    { provide: PinoNestLogger, inject: [PinoLogger], useFactory: (logger: PinoLogger) => new PinoNestLogger(logger, {}) },
    { provide: REQUEST_LOGGING, inject: [ROOT_LOGGER], useFactory: createRequestLogging },
    { provide: APP_INTERCEPTOR, useClass: RequestLogIdsInterceptor },
  ],
  exports: [LOG_SINK, ROOT_LOGGER, REQUEST_LOGGING, PinoLogger, PinoNestLogger],
})
export class LoggingModule {}
