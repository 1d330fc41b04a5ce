import type { RawRequest } from '../types';
import { headerValues } from './header-value';

/** Trim, and fold every run of whitespace (obs-fold line breaks included) into one space. */
function trimAll(v: string): string {
  return v.replace(/\s+/g, ' ').trim();
}

/**
 * The CanonicalHeaders block (each "name:value\n") for the signed header names, which the
 * caller has already lower-cased and sorted. Repeated headers join with ',' in arrival order.
 * A signed header the request lacks signs as "name:" and so fails unless the client did too.
 */
export function canonicalHeaders(headers: RawRequest['headers'], signed: readonly string[]): string {
  let out = '';
  for (const name of signed) {
    const values = headerValues(headers, name);
    let joined = '';
    for (let i = 0; i < values.length; i++) joined += (i > 0 ? ',' : '') + trimAll(values[i]);
    out += name + ':' + joined + '\n';
  }
  return out;
}
