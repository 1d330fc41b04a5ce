/** RFC 7231 IMF-fixdate, as S3 writes Last-Modified. */
export function httpDate(d: Date): string {
  return d.toUTCString();
}

/** Parses an HTTP date header; undefined when absent or unparseable (S3 then ignores it). */
export function parseHttpDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** Whole seconds, as HTTP dates carry no milliseconds. */
export function toSeconds(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}
