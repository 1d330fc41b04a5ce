import type { Readable } from 'node:stream';
import type { IncomingHttpHeaders } from 'node:http';
import type { AuthFacts, RequestFacts } from '../request-facts';
import type { PayloadMode } from '../auth/types';
import type { Deps } from '../deps';

export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
export type Target = 'service' | 'bucket' | 'object';
export type BodyKind = 'none' | 'xml' | 'stream';

/** What a handler sees: typed request parts, never the Koa context. */
export interface OperationInput {
  readonly bucket: string;
  readonly key: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly facts: RequestFacts;
  readonly auth: AuthFacts;
  /** For 'xml' bodies: the verified raw bytes. */
  readonly xml?: Buffer;
  /** For 'stream' bodies: call once to get the verified byte stream. */
  readonly body?: BodyStream;
}

export interface BodyDigests {
  readonly size: number;
  readonly md5Hex: string;
  readonly checksums: Readonly<Record<string, string>>;
}

export interface BodyStream {
  readonly stream: Readable;
  readonly payload: PayloadMode;
  /** Resolves after the stream ends and every digest was verified. */
  result(): Promise<BodyDigests>;
}

/** An action on the request's own resource, or on another one (a copy source). */
export type ActionRef = string | { readonly action: string; readonly bucket: string; readonly key: string };

export interface OperationResult {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: string | Buffer | Readable;
}

/**
 * One S3 operation. `subresource` names the query parameter that selects it
 * (?versioning, ?tagging, ...); `when` narrows further on headers or query.
 */
export interface OperationSpec {
  readonly name: string;
  readonly method: HttpMethod;
  readonly target: Target;
  readonly subresource?: string;
  readonly when?: (query: URLSearchParams, headers: IncomingHttpHeaders) => boolean;
  readonly body: BodyKind;
  /** The IAM actions this request needs, for the authorize step. */
  readonly actions: (input: Pick<OperationInput, 'query' | 'headers' | 'bucket' | 'key'>) => readonly ActionRef[];
  readonly handler: (input: OperationInput, deps: Deps) => Promise<OperationResult>;
}
