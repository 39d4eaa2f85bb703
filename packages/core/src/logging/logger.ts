/** Structured fields attached to one log line. */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * The logging interface Portico writes to: one short fixed message per event
 * plus structured fields. Bind your own implementation to {@link LOGGER}
 * (pino, winston …); the default writes nothing.
 */
export interface Logger {
  debug(fields: LogFields, message: string): void;
  info(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
}

function discard(): void {
  // The library is silent unless the application binds a logger.
}

/** A logger that drops everything; the default binding of {@link LOGGER}. */
export const silentLogger: Logger = Object.freeze({
  debug: discard,
  info: discard,
  warn: discard,
  error: discard,
});

/** Container token of the application's {@link Logger}. */
export const LOGGER = Symbol.for('portico:logger');
