import { pino } from 'pino';
import type { LogFields, Logger } from '@portico/core';

/**
 * Adapts pino to Portico's logger interface. Authorization headers and cookies
 * are redacted should anything ever pass them along.
 */
export function createPinoLogger(level: string): Logger {
  const logger = pino({
    level,
    redact: ['*.authorization', '*.cookie', 'headers.authorization', 'headers.cookie'],
  });

  return {
    debug: (fields: LogFields, message: string) => {
      logger.debug(fields, message);
    },
    info: (fields: LogFields, message: string) => {
      logger.info(fields, message);
    },
    warn: (fields: LogFields, message: string) => {
      logger.warn(fields, message);
    },
    error: (fields: LogFields, message: string) => {
      logger.error(fields, message);
    },
  };
}
