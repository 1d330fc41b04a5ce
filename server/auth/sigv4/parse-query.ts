import { percentDecode } from './uri-encode';

/**
 * Decoded query parameters (first occurrence wins), for reading auth parameters. '+' is
 * decoded as a space only where the caller asks (SigV2 signatures are base64 and are often
 * sent with an unescaped '+', which must stay a plus).
 */
export function parseQuery(rawQuery: string): Map<string, string> {
  const params = new Map<string, string>();
  if (rawQuery === '') return params;
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = percentDecode(eq < 0 ? piece : piece.slice(0, eq)).toString('utf8');
    const value = eq < 0 ? '' : percentDecode(piece.slice(eq + 1)).toString('utf8');
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}
