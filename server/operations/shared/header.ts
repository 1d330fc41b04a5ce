import type { IncomingHttpHeaders } from 'node:http';

/** A single header value; repeated headers are joined as HTTP says they combine. */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(',') : v;
}
