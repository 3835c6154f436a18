import { pino, stdSerializers, stdTimeFunctions, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { PinoPretty } from 'pino-pretty';
import type { LoggingConfig } from '../../config/logging-config';
import { currentLogContext } from './log-context';
import { REDACTED, REDACTED_PATHS, redactSecrets } from './secret-redaction';

type LogArgs = Parameters<NonNullable<NonNullable<LoggerOptions['hooks']>['logMethod']>>[0];

/**
 * The process's one pino logger. Every line carries the ids of the work it was written in
 * (the mixin reads log-context.ts); secrets are masked by field path and inside text.
 */
export function createRootLogger(config: LoggingConfig, destination: DestinationStream, terminal: boolean): Logger {
  const options: LoggerOptions = {
    level: config.level,
    timestamp: stdTimeFunctions.isoTime,
    mixin: () => ({ ...currentLogContext() }),
    redact: { paths: [...REDACTED_PATHS], censor: REDACTED },
    serializers: { err: redactedError },
    formatters: { level: (label) => ({ level: label }), log: redactedStrings },
    hooks: {
      logMethod(args, method) {
        method.apply(this, redactedArgs(args));
      },
    },
  };
  const pretty = config.format === 'pretty' || (config.format === 'auto' && terminal);
  if (!pretty) return pino(options, destination);
  return pino(
    options,
    PinoPretty({
      destination,
      sync: true,
      colorize: terminal,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,context',
      messageFormat: '{if context}[{context}] {end}{msg}',
    }),
  );
}

function redactedArgs(args: LogArgs): LogArgs {
  const [first, ...rest] = args;
  const texts = rest.map((arg: unknown) => (typeof arg === 'string' ? redactSecrets(arg) : arg));
  // pino would take an error's own message as the line's message, unmasked.
  if (first instanceof Error) return [{ err: first }, ...(texts.length > 0 ? texts : [redactSecrets(first.message)])] as LogArgs;
  return [typeof first === 'string' ? redactSecrets(first) : first, ...texts] as LogArgs;
}

function redactedStrings(object: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) result[key] = typeof value === 'string' ? redactSecrets(value) : value;
  return result;
}

export function redactedError(error: Error): ReturnType<typeof stdSerializers.err> {
  const serialized = stdSerializers.err(error);
  if (typeof serialized !== 'object' || serialized === null) return serialized;
  return { ...serialized, message: redactSecrets(serialized.message ?? ''), stack: redactSecrets(serialized.stack ?? '') };
}
