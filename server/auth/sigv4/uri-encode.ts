/**
 * AWS's UriEncode (SigV4): every byte of the UTF-8 form is percent-encoded with upper-case hex,
 * except the unreserved set A-Z a-z 0-9 - . _ ~ ('/' kept only in paths). encodeURIComponent
 * differs (it keeps ! ' ( ) *), so this is written out.
 */
const UNRESERVED = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~') UNRESERVED[c.charCodeAt(0)] = 1;
const HEX = '0123456789ABCDEF';
const SLASH = 0x2f;

export function uriEncodeBytes(bytes: Uint8Array, keepSlash: boolean): string {
  let out = '';
  for (const b of bytes) {
    if (UNRESERVED[b] === 1 || (keepSlash && b === SLASH)) out += String.fromCharCode(b);
    else out += '%' + HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}

/** Fast path: pure-unreserved ASCII strings (most keys and values) come back unchanged. */
export function uriEncode(s: string, keepSlash: boolean): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || (UNRESERVED[c] !== 1 && !(keepSlash && c === SLASH))) {
      return uriEncodeBytes(Buffer.from(s, 'utf8'), keepSlash);
    }
  }
  return s;
}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * Percent-decodes to bytes. A '%' not followed by two hex digits stays a literal '%', so a
 * malformed escape cannot throw here; it simply canonicalises to %25 and fails the signature.
 * '+' is left alone: the caller decides what it means.
 */
export function percentDecode(s: string): Buffer {
  if (s.indexOf('%') < 0) return Buffer.from(s, 'utf8');
  const src = Buffer.from(s, 'utf8');
  const out = Buffer.allocUnsafe(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const b = src[i];
    if (b === 0x25 && i + 2 < src.length) {
      const hi = hexVal(src[i + 1]);
      const lo = hexVal(src[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out[n++] = (hi << 4) | lo;
        i += 2;
        continue;
      }
    }
    out[n++] = b;
  }
  return out.subarray(0, n);
}

/** Re-encodes one already-encoded component the AWS way: decode, then UriEncode. */
export function reencode(s: string, keepSlash: boolean): string {
  if (s.indexOf('%') < 0) return uriEncode(s, keepSlash);
  return uriEncodeBytes(percentDecode(s), keepSlash);
}
