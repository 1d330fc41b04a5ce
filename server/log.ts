/**
 * Structured logging: one JSON line per event on stdout. Quiet mode (tests) drops request
 * lines but keeps warnings. Callers pass only redacted fields: no secret ever reaches here.
 */
export interface Logger {
  /** False when request lines are dropped (quiet), so callers can skip building them. */
  readonly requestsEnabled: boolean;
  request(fields: Readonly<Record<string, unknown>>): void;
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

export function createLogger(opts: { quiet: boolean; write?: (line: string) => void }): Logger {
  const write = opts.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const emit = (level: string, message: string | undefined, fields?: Readonly<Record<string, unknown>>) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, ...(message ? { msg: message } : {}), ...fields }));
  return {
    requestsEnabled: !opts.quiet,
    request: (fields) => { if (!opts.quiet) emit('info', undefined, fields); },
    info: (message, fields) => { if (!opts.quiet) emit('info', message, fields); },
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}
