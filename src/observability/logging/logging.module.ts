import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Logger as PinoNestLogger, LoggerModule, PinoLogger } from 'nestjs-pino';
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

@Global()
@Module({
  providers: [
    { provide: LOG_SINK, useFactory: stdoutSink },
    { provide: ROOT_LOGGER, inject: [APP_CONFIG, LOG_SINK], useFactory: (config: AppConfig, sink: LogSink) => createRootLogger(config.logging, sink.stream, sink.terminal) },
    { provide: REQUEST_LOGGING, inject: [ROOT_LOGGER], useFactory: createRequestLogging },
  ],
  exports: [LOG_SINK, ROOT_LOGGER, REQUEST_LOGGING],
})
export class LogSinkModule {}

/**
 * The app's logging: the Nest logger (nestjs-pino) writes through the root logger; the request
 * logging is mounted by configureHttp at the edge, so nestjs-pino only binds each request's logger
 * (`useExisting`).
 */
@Module({
  imports: [
    LogSinkModule,
    LoggerModule.forRootAsync({
      imports: [LogSinkModule],
      inject: [ROOT_LOGGER],
      // assignResponse: ids assigned during the request reach its access line too.
      useFactory: (logger: Logger) => ({ pinoHttp: { logger }, useExisting: true, assignResponse: true }),
    }),
  ],
  providers: [{ provide: APP_INTERCEPTOR, useClass: RequestLogIdsInterceptor }],
})
export class LoggingModule {}
