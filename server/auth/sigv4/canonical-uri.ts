import { reencode, uriEncode } from './uri-encode';

export interface UriCanonicalisation {
  /** Remove '.' and '..' segments and empty segments (every service but S3). */
  readonly normalize: boolean;
  /**
   * Encode the path as received once more (every service but S3: the client encoded it once
   * to send it, and SigV4 signs it encoded a second time). S3 signs the key encoded once.
   */
  readonly doubleEncode: boolean;
}

export const S3_URI: UriCanonicalisation = { normalize: false, doubleEncode: false };
export const DEFAULT_URI: UriCanonicalisation = { normalize: true, doubleEncode: true };

/** RFC 3986 remove_dot_segments, plus collapsing of empty segments as the AWS SDKs do. */
function normalizePath(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  const trailing = path.length > 1 && (path.endsWith('/') || path.endsWith('/.') || path.endsWith('/..'));
  const joined = '/' + out.join('/');
  return trailing && out.length > 0 ? joined + '/' : joined;
}

/**
 * The CanonicalURI line. For S3 the path is decoded and re-encoded, so a client that encoded
 * reserved characters differently from AWS (e.g. '$' as-is or '%24') still matches, as on AWS.
 */
export function canonicalUri(rawPath: string, mode: UriCanonicalisation): string {
  const path = rawPath === '' ? '/' : rawPath;
  if (!mode.doubleEncode) {
    const p = mode.normalize ? normalizePath(path) : path;
    return reencode(p, true);
  }
  const p = mode.normalize ? normalizePath(path) : path;
  return uriEncode(p, true);
}
