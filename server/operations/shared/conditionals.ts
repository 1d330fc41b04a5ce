import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from '../../errors/s3-error';
import { header } from './header';
import { parseHttpDate, toSeconds } from './http-date';

/** ETag lists compare without quotes; '*' matches any existing object. */
function etagMatches(list: string, etag: string): boolean {
  const bare = etag.replace(/"/g, '');
  return list.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '').replace(/"/g, '');
    return v === '*' || v === bare;
  });
}

export interface Validators {
  readonly ifMatch?: string;
  readonly ifNoneMatch?: string;
  readonly ifModifiedSince?: string;
  readonly ifUnmodifiedSince?: string;
}

export function validatorsFrom(headers: IncomingHttpHeaders, prefix = ''): Validators {
  return {
    ifMatch: header(headers, `${prefix}if-match`),
    ifNoneMatch: header(headers, `${prefix}if-none-match`),
    ifModifiedSince: header(headers, `${prefix}if-modified-since`),
    ifUnmodifiedSince: header(headers, `${prefix}if-unmodified-since`),
  };
}

/**
 * S3's precedence (GetObject docs): If-Match true with If-Unmodified-Since false → 200;
 * If-None-Match false with If-Modified-Since true → 304. On a copy source every failure
 * is 412, never 304.
 */
export function checkConditions(v: Validators, etag: string, lastModified: Date, isCopySource = false): void {
  const modified = toSeconds(lastModified);
  if (v.ifMatch !== undefined) {
    if (!etagMatches(v.ifMatch, etag)) throw new S3Error('PreconditionFailed', undefined, [['Condition', 'If-Match']]);
  } else if (v.ifUnmodifiedSince !== undefined) {
    const d = parseHttpDate(v.ifUnmodifiedSince);
    if (d && modified > toSeconds(d)) throw new S3Error('PreconditionFailed', undefined, [['Condition', 'If-Unmodified-Since']]);
  }
  const notModified = isCopySource ? 'PreconditionFailed' : 'NotModified';
  if (v.ifNoneMatch !== undefined) {
    if (etagMatches(v.ifNoneMatch, etag)) throw new S3Error(notModified, undefined, isCopySource ? [['Condition', 'If-None-Match']] : [], { ETag: etag });
  } else if (v.ifModifiedSince !== undefined) {
    const d = parseHttpDate(v.ifModifiedSince);
    if (d && modified <= toSeconds(d)) throw new S3Error(notModified, undefined, isCopySource ? [['Condition', 'If-Modified-Since']] : [], { ETag: etag });
  }
}
