import type { RawRequest } from '../types';
import { canonicalHeaders } from './canonical-headers';
import { canonicalQuery } from './canonical-query';
import { canonicalUri, UriCanonicalisation } from './canonical-uri';

export interface CanonicalRequestInput {
  readonly req: RawRequest;
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
  readonly uri: UriCanonicalisation;
  /** For presigned URLs: X-Amz-Signature is not part of what was signed. */
  readonly excludeQuery?: string;
}

/** Method, URI, query, headers, signed header list and payload hash, one per line. */
export function canonicalRequest(input: CanonicalRequestInput): string {
  const { req } = input;
  return (
    req.method.toUpperCase() +
    '\n' +
    canonicalUri(req.rawPath, input.uri) +
    '\n' +
    canonicalQuery(req.rawQuery, input.excludeQuery) +
    '\n' +
    canonicalHeaders(req.headers, input.signedHeaders) +
    '\n' +
    input.signedHeaders.join(';') +
    '\n' +
    input.payloadHash
  );
}
