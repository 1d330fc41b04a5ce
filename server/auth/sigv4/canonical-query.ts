import { reencode } from './uri-encode';

/**
 * The CanonicalQueryString line, from the query exactly as received.
 *
 * Each name and value is percent-decoded and re-encoded with UriEncode, then pairs are sorted
 * by encoded name, then encoded value (plain code-unit order: everything is ASCII by then).
 * A parameter without '=' signs as "name=". Empty pieces ("a=1&&b=2") are dropped.
 *
 * '+' is kept a literal plus (%2B), not a space: the SDKs never send a raw '+', and curl's
 * --aws-sigv4 canonicalises a written '+' as %2B, so AWS must read it the same way for
 * those requests to verify.
 */
export function canonicalQuery(rawQuery: string, exclude?: string): string {
  if (rawQuery === '') return '';
  const pairs: Array<[string, string]> = [];
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const rawName = eq < 0 ? piece : piece.slice(0, eq);
    const rawValue = eq < 0 ? '' : piece.slice(eq + 1);
    const name = reencode(rawName, false);
    if (exclude !== undefined && name === exclude) continue;
    pairs.push([name, reencode(rawValue, false)]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  let out = '';
  for (let i = 0; i < pairs.length; i++) {
    if (i > 0) out += '&';
    out += pairs[i][0] + '=' + pairs[i][1];
  }
  return out;
}
