import type { Transform } from 'node:stream';

/** The raw request as authentication sees it: nothing decoded, nothing normalised. */
export interface RawRequest {
  readonly method: string;
  /** The path exactly as received (percent-encoded), without the query string. */
  readonly rawPath: string;
  /** The query string exactly as received, without '?'. */
  readonly rawQuery: string;
  /** Lower-cased header names, as node gives them (req.headers). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /**
   * Hex SHA-256 of the body, when the caller read the (small) body before authenticating:
   * kms/iam/sts clients sign the body hash without sending x-amz-content-sha256.
   */
  readonly bodySha256?: string;
}

/** A secret the emulator knows, found by access key id. */
export interface KnownCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Whatever the caller needs back (account, principal ARN, status, session token...). */
  readonly owner: unknown;
  /** For temporary credentials: the token that must come as x-amz-security-token. */
  readonly sessionToken?: string;
}

export type CredentialLookup = (accessKeyId: string) => KnownCredential | undefined;

export interface AuthOptions {
  /** The region this endpoint serves; a SigV4 scope naming another region is refused for s3. */
  readonly region: string;
  /** Real time: the 15-minute request skew check. */
  readonly realNow: Date;
  /** Emulated time: presigned expiry, "not valid yet". */
  readonly now: Date;
  /** SigV4 scope services this endpoint answers; default s3, kms, iam, sts. */
  readonly services?: readonly string[];
  /** The bucket named by a virtual-hosted-style Host, for the SigV2 canonical resource. */
  readonly virtualHostBucket?: string;
}

/** How the payload is protected, from x-amz-content-sha256. */
export type PayloadMode =
  | { readonly kind: 'signed'; readonly sha256: string } // hex, verified by the body reader
  | { readonly kind: 'unsigned' } // UNSIGNED-PAYLOAD or no header (SigV2, anonymous, presigned)
  | { readonly kind: 'streaming-signed'; readonly trailer: boolean; readonly chunkSigning: ChunkSigningContext }
  | { readonly kind: 'streaming-unsigned-trailer' };

export interface ChunkSigningContext {
  readonly signingKey: Buffer;
  readonly seedSignature: string;
  readonly amzDate: string; // YYYYMMDDTHHMMSSZ
  readonly scope: string; // date/region/service/aws4_request
}

export type AuthOutcome =
  | { readonly kind: 'anonymous'; readonly payload: PayloadMode }
  | {
      readonly kind: 'signed';
      readonly credential: KnownCredential;
      readonly signatureVersion: 'AWS4-HMAC-SHA256' | 'AWS'; // s3:signatureversion values
      readonly authType: 'REST-HEADER' | 'REST-QUERY-STRING'; // s3:authType values
      /** SigV4 scope service (s3, kms, iam, sts); 's3' for SigV2. */
      readonly service: string;
      readonly region: string;
      /** Milliseconds since the signature's date (s3:signatureAge), against emulated time. */
      readonly signatureAgeMs: number;
      readonly payload: PayloadMode;
    };

/** Options for the aws-chunked decoder (Content-Encoding: aws-chunked). */
export interface ChunkDecoderOptions {
  readonly signing?: ChunkSigningContext;
  readonly trailer: boolean;
  /** x-amz-decoded-content-length, when sent: the decoded size must equal it. */
  readonly decodedLength?: number;
  /** Trailer header names announced in x-amz-trailer. */
  readonly announcedTrailers?: readonly string[];
}

export type ChunkDecoderFactory = (opts: ChunkDecoderOptions) => Transform & { trailers(): Record<string, string> };
