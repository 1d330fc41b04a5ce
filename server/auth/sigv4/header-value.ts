import type { RawRequest } from '../types';

/**
 * One header's value(s) as a list. Node joins most repeated headers with ", " in req.headers;
 * the middleware should pass req.headersDistinct-style arrays so repeats sign as AWS joins
 * them (with ','), but a plain string is accepted too.
 */
export function headerValues(headers: RawRequest['headers'], name: string): readonly string[] {
  const v = headers[name];
  if (v === undefined) return [];
  return typeof v === 'string' ? [v] : v;
}

/** The first value of a header, or undefined. */
export function headerValue(headers: RawRequest['headers'], name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : v[0];
}
