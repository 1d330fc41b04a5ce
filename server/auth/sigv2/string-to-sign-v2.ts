import type { RawRequest } from '../types';
import { headerValue, headerValues } from '../sigv4/header-value';
import { percentDecode } from '../sigv4/uri-encode';

/** Query parameters that are part of the SigV2 CanonicalizedResource (AWS's list). */
const SUBRESOURCES = new Set([
  'accelerate', 'acl', 'analytics', 'cors', 'delete', 'encryption', 'intelligent-tiering', 'inventory',
  'legal-hold', 'lifecycle', 'location', 'logging', 'metrics', 'notification', 'object-lock',
  'ownershipControls', 'partNumber', 'policy', 'policyStatus', 'publicAccessBlock', 'replication',
  'requestPayment', 'response-cache-control', 'response-content-disposition', 'response-content-encoding',
  'response-content-language', 'response-content-type', 'response-expires', 'restore', 'retention',
  'select', 'select-type', 'tagging', 'torrent', 'uploadId', 'uploads', 'versionId', 'versioning',
  'versions', 'website',
]);

function canonicalAmzHeaders(req: RawRequest): string {
  const names = Object.keys(req.headers).filter((n) => n.startsWith('x-amz-') && req.headers[n] !== undefined).sort();
  let out = '';
  for (const n of names) {
    const v = headerValues(req.headers, n).map((x) => x.replace(/\s+/g, ' ').trim()).join(',');
    out += n + ':' + v + '\n';
  }
  return out;
}

/** "/bucket/key?acl&versionId=v": the path as sent, plus the signed sub-resources, sorted. */
function canonicalResource(req: RawRequest, virtualHostBucket: string | undefined): string {
  let res = (virtualHostBucket !== undefined ? '/' + virtualHostBucket : '') + (req.rawPath === '' ? '/' : req.rawPath);
  const subs: Array<[string, string | undefined]> = [];
  for (const piece of req.rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = percentDecode(eq < 0 ? piece : piece.slice(0, eq)).toString('utf8');
    if (!SUBRESOURCES.has(name)) continue;
    subs.push([name, eq < 0 ? undefined : percentDecode(piece.slice(eq + 1)).toString('utf8')]);
  }
  subs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (subs.length > 0) res += '?' + subs.map(([n, v]) => (v === undefined ? n : n + '=' + v)).join('&');
  return res;
}

/**
 * VERB\nContent-MD5\nContent-Type\nDate-or-Expires\nCanonicalizedAmzHeaders+Resource.
 * With header auth, a present x-amz-date empties the Date line (it signs among the amz headers).
 */
export function stringToSignV2(req: RawRequest, dateOrExpires: string | undefined, virtualHostBucket?: string): string {
  const date =
    dateOrExpires ?? (headerValue(req.headers, 'x-amz-date') !== undefined ? '' : headerValue(req.headers, 'date') ?? '');
  return (
    req.method.toUpperCase() + '\n' +
    (headerValue(req.headers, 'content-md5') ?? '') + '\n' +
    (headerValue(req.headers, 'content-type') ?? '') + '\n' +
    date + '\n' +
    canonicalAmzHeaders(req) +
    canonicalResource(req, virtualHostBucket)
  );
}
