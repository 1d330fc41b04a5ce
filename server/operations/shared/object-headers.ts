import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from '../../errors/s3-error';
import type { BucketRecord, ObjectVersion, StoredHeaders } from '../../../storage/types';
import { header } from './header';
import { httpDate } from './http-date';

/** S3 limits user-defined metadata to 2 KB (names and values, UTF-8). */
const USER_METADATA_LIMIT = 2048;

export function storedHeadersFrom(headers: IncomingHttpHeaders): StoredHeaders {
  return {
    contentType: header(headers, 'content-type'),
    contentEncoding: stripAwsChunked(header(headers, 'content-encoding')),
    contentDisposition: header(headers, 'content-disposition'),
    contentLanguage: header(headers, 'content-language'),
    cacheControl: header(headers, 'cache-control'),
    expires: header(headers, 'expires'),
    websiteRedirectLocation: header(headers, 'x-amz-website-redirect-location'),
  };
}

/** aws-chunked is transfer framing, never part of the stored object's encoding. */
function stripAwsChunked(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const rest = value.split(',').map((s) => s.trim()).filter((s) => s && s !== 'aws-chunked');
  return rest.length ? rest.join(', ') : undefined;
}

export function userMetadataFrom(headers: IncomingHttpHeaders): Record<string, string> {
  const meta: Record<string, string> = {};
  let size = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('x-amz-meta-') || value === undefined) continue;
    const key = name.slice('x-amz-meta-'.length);
    const v = Array.isArray(value) ? value.join(',') : value;
    meta[key] = v;
    size += Buffer.byteLength(key) + Buffer.byteLength(v);
  }
  if (size > USER_METADATA_LIMIT) {
    throw new S3Error('MetadataTooLarge', undefined, [['Size', String(size)], ['MaxSizeAllowed', String(USER_METADATA_LIMIT)]]);
  }
  return meta;
}

/**
 * The x-amz-version-id a response carries: none while a bucket has never had versioning
 * (its only version is 'null'), the version's id (possibly 'null') once it has.
 */
export function versionIdHeader(bucket: BucketRecord, versionId: string): string | undefined {
  return bucket.versioning === 'Unversioned' && versionId === 'null' ? undefined : versionId;
}

/** The headers GET and HEAD return for a stored object. */
export function objectResponseHeaders(bucket: BucketRecord, v: ObjectVersion): Record<string, string | number | undefined> {
  const h: Record<string, string | number | undefined> = {
    'Last-Modified': httpDate(v.lastModified),
    ETag: v.etag,
    'Accept-Ranges': 'bytes',
    'Content-Type': v.headers.contentType ?? 'binary/octet-stream',
    'Content-Encoding': v.headers.contentEncoding,
    'Content-Disposition': v.headers.contentDisposition,
    'Content-Language': v.headers.contentLanguage,
    'Cache-Control': v.headers.cacheControl,
    Expires: v.headers.expires,
    'x-amz-website-redirect-location': v.headers.websiteRedirectLocation,
    'x-amz-storage-class': v.storageClass === 'STANDARD' ? undefined : v.storageClass,
    'x-amz-tagging-count': v.tags.length > 0 ? v.tags.length : undefined,
    'x-amz-mp-parts-count': undefined,
  };
  h['x-amz-version-id'] = versionIdHeader(bucket, v.versionId);
  for (const [name, value] of Object.entries(v.userMetadata)) h[`x-amz-meta-${name}`] = value;
  return h;
}

/** response-* query parameters override headers on GET (signed requests only, as S3). */
export const RESPONSE_OVERRIDES: Readonly<Record<string, string>> = {
  'response-content-type': 'Content-Type',
  'response-content-language': 'Content-Language',
  'response-expires': 'Expires',
  'response-cache-control': 'Cache-Control',
  'response-content-disposition': 'Content-Disposition',
  'response-content-encoding': 'Content-Encoding',
};
