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

/** S3 writes timestamps with millisecond precision: 2009-10-12T17:50:30.000Z. */
export function isoTimestamp(d: Date): string {
  return d.toISOString();
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
