import type { LogFields, Logger } from '@portico/core';

/** One recorded log line. */
export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly fields: LogFields;
  readonly message: string;
}

/** A logger that keeps every line, for asserting what was (and was not) logged. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];

  debug(fields: LogFields, message: string): void {
    this.entries.push({ level: 'debug', fields, message });
  }

  info(fields: LogFields, message: string): void {
    this.entries.push({ level: 'info', fields, message });
  }

  warn(fields: LogFields, message: string): void {
    this.entries.push({ level: 'warn', fields, message });
  }

  error(fields: LogFields, message: string): void {
    this.entries.push({ level: 'error', fields, message });
  }
}
