import type { EnvReader } from './env-reader';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** auto: pretty when stdout is a terminal, JSON lines otherwise (a supervisor, a pipe, a file). */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LoggingConfig {
  readonly level: LogLevel;
  readonly format: LogFormat;
}

export function readLoggingConfig(read: EnvReader): LoggingConfig {
  return {
    level: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    format: read.oneOf('LOG_FORMAT', LOG_FORMATS, 'auto'),
  };
}
