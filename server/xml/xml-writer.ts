/**
 * A small XML serializer for S3 responses. Hand-written rather than xml2js's builder
 * because LIST responses are on the hot path and this is a few string joins.
 */
export type XmlValue = string | number | boolean | Date | undefined | null | XmlObject | readonly XmlValue[];
export interface XmlObject {
  readonly [element: string]: XmlValue;
}

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

export function escapeXml(text: string): string {
  // Most keys and values need no escaping; testing first skips the replace's allocation.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, (c) => {
    switch (c) {
      case '&': return '&amp;';
      case '<': return '&lt;';
      case '>': return '&gt;';
      case '"': return '&quot;';
      case "'": return '&apos;';
      default: return `&#x${c.charCodeAt(0).toString(16)};`;
    }
  });
}

// isoTimestamp's cache: the text up to the milliseconds of the last second formatted.
let cachedSecond = NaN;
let cachedPrefix = '';
/** Last millisecond that toISOString writes with a four-digit year (9999-12-31T23:59:59.999Z). */
const LAST_FOUR_DIGIT_YEAR_MS = 253402300799999;

/**
 * S3 writes timestamps with millisecond precision: 2009-10-12T17:50:30.000Z. Listings format
 * a thousand of these, mostly within a few seconds of each other, so the text up to the
 * second is reused and only the milliseconds are written (toISOString was a tenth of a LIST).
 */
export function isoTimestamp(d: Date): string {
  const ms = d.getTime();
  if (!(ms >= 0 && ms <= LAST_FOUR_DIGIT_YEAR_MS)) return d.toISOString(); // also throws for an invalid date, as before
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    cachedPrefix = d.toISOString().slice(0, 20); // '2009-10-12T17:50:30.'
    cachedSecond = second;
  }
  const milli = ms - second * 1000;
  return `${cachedPrefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

function writeValue(name: string, value: XmlValue, out: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value as readonly XmlValue[]) writeValue(name, item, out);
    return;
  }
  if (value instanceof Date) {
    out.push(`<${name}>${isoTimestamp(value)}</${name}>`);
    return;
  }
  if (typeof value === 'object') {
    out.push(`<${name}>`);
    writeChildren(value as XmlObject, out);
    out.push(`</${name}>`);
    return;
  }
  out.push(`<${name}>${escapeXml(String(value))}</${name}>`);
}

function writeChildren(obj: XmlObject, out: string[]): void {
  for (const name of Object.keys(obj)) writeValue(name, obj[name], out);
}

/** A complete document with the declaration; `ns` false for error bodies, which AWS sends without one. */
export function toXml(root: string, content: XmlObject, ns = true): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  out.push(ns ? `<${root} xmlns="${S3_NS}">` : `<${root}>`);
  writeChildren(content, out);
  out.push(`</${root}>`);
  return out.join('');
}

/** One element without a declaration, for documents assembled in a fixed order. */
export function element(name: string, value: XmlValue): string {
  const out: string[] = [];
  writeValue(name, value, out);
  return out.join('');
}
