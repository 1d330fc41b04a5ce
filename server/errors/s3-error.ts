import { ErrorCode, defaultMessageOf, statusOf } from './catalog';

/**
 * The one error type that becomes an S3 error response. `fields` are the extra XML
 * elements AWS adds for some codes (StringToSign, Region, HeadersNotSigned, ...), in order.
 * `headers` are response headers AWS sends with the error (Allow, x-amz-*).
 */
export class S3Error extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: ReadonlyArray<readonly [string, string]>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: ErrorCode,
    message?: string,
    fields: ReadonlyArray<readonly [string, string]> | Readonly<Record<string, string>> = [],
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message ?? defaultMessageOf(code));
    this.name = 'S3Error';
    this.code = code;
    this.status = statusOf(code);
    this.fields = Array.isArray(fields) ? (fields as ReadonlyArray<readonly [string, string]>) : Object.entries(fields);
    this.headers = headers;
  }
}

export function isS3Error(e: unknown): e is S3Error {
  return e instanceof S3Error;
}
