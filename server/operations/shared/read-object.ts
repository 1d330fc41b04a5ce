import type { Deps } from '../../deps';
import { S3Error } from '../../errors/s3-error';
import type { ObjectVersion } from '../../../storage/types';
import type { OperationInput, OperationResult } from '../types';
import { requireBucket } from './bucket-guard';
import { checksumResponseHeaders } from './checksum-headers';
import { checkConditions, validatorsFrom } from './conditionals';
import { findReadableVersion, versionIdParam } from './find-version';
import { header } from './header';
import { objectResponseHeaders, RESPONSE_OVERRIDES } from './object-headers';
import { parseRange, type ByteRange } from './range';
import { describeEncryption, openPlaintext, plaintextBytes, SMALL_OBJECT_LIMIT } from './decrypt';
import { readCustomerKey } from './sse-request';
import { requireRestoredIfArchived } from './storage-class';
import { sseResponseHeaders } from './sse-response';

/** The byte range a ?partNumber= GET addresses in a multipart object. */
function partRange(v: ObjectVersion, partNumber: number): ByteRange | undefined {
  if (!v.parts || v.parts.length === 0) {
    if (partNumber === 1) return v.size === 0 ? undefined : { start: 0, end: v.size - 1 };
    throw new S3Error('InvalidPartNumber', 'The requested partnumber is not satisfiable', [['PartNumberRequested', String(partNumber)], ['ActualPartCount', '1']]);
  }
  let start = 0;
  for (const p of v.parts) {
    if (p.partNumber === partNumber) return p.size === 0 ? undefined : { start, end: start + p.size - 1 };
    start += p.size;
  }
  throw new S3Error('InvalidPartNumber', 'The requested partnumber is not satisfiable', [['PartNumberRequested', String(partNumber)], ['ActualPartCount', String(v.parts.length)]]);
}

function parsePartNumber(query: URLSearchParams): number | undefined {
  const raw = query.get('partNumber');
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 10000) {
    throw new S3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', [['ArgumentName', 'partNumber'], ['ArgumentValue', raw]]);
  }
  return Number(raw);
}


/** GetObject and HeadObject: the same lookup, conditions, range and headers. */
export async function readObject(input: OperationInput, deps: Deps, withBody: boolean): Promise<OperationResult> {
  const bucket = requireBucket(deps, input.bucket);
  // GetObject/HeadObject docs: sending x-amz-server-side-encryption on a read is a 400.
  if (input.headers['x-amz-server-side-encryption'] !== undefined) {
    throw new S3Error('InvalidArgument', 'x-amz-server-side-encryption header is not supported for this operation.', [['ArgumentName', 'x-amz-server-side-encryption']]);
  }
  const v = findReadableVersion(deps, bucket, input.key, versionIdParam(input.query), withBody ? 'GET' : 'HEAD');
  if (withBody) requireRestoredIfArchived(v);
  const customer = readCustomerKey(input, deps);
  const sse = describeEncryption(deps, v, customer);
  checkConditions(validatorsFrom(input.headers), v.etag, v.lastModified);
  const partNumber = parsePartNumber(input.query);
  const rangeHeader = header(input.headers, 'range');
  if (partNumber !== undefined && rangeHeader !== undefined) {
    throw new S3Error('InvalidRequest', 'Cannot specify both Range header and partNumber query parameter');
  }
  const range = partNumber !== undefined ? partRange(v, partNumber) : parseRange(rangeHeader, v.size);
  const headers = objectResponseHeaders(bucket, v);
  if (sse !== undefined) Object.assign(headers, sseResponseHeaders(sse));
  if (input.query.size > 0) {
    for (const param in RESPONSE_OVERRIDES) {
      const value = input.query.get(param);
      if (value !== null) headers[RESPONSE_OVERRIDES[param] as string] = value;
    }
  }
  if (partNumber !== undefined) headers['x-amz-mp-parts-count'] = v.parts?.length || undefined;
  if (header(input.headers, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED' && !range) {
    Object.assign(headers, checksumResponseHeaders(v.checksums, v.checksumType));
  }
  let status = 200;
  if (range) {
    status = 206;
    headers['Content-Range'] = `bytes ${range.start}-${range.end}/${v.size}`;
    headers['Content-Length'] = range.end - range.start + 1;
  } else {
    headers['Content-Length'] = v.size;
  }
  if (!withBody) return { status, headers };
  const length = range ? range.end - range.start + 1 : v.size;
  const body = length <= SMALL_OBJECT_LIMIT ? await plaintextBytes(deps, input, bucket, v, customer, range) : await openPlaintext(deps, input, bucket, v, customer, range);
  return { status, headers, body };
}
