import { createHash, Hash } from 'node:crypto';
import { pipeline, Readable, Transform, TransformCallback } from 'node:stream';
import { S3Error } from '../errors/s3-error';
import type { PayloadMode } from '../auth/types';
import type { ChecksumAlgorithm, Checksums } from '../../storage/types';
import { AwsChunkedDecoder } from './aws-chunked-decoder';
import { checksumHeaderName, checksumMismatch, isValidChecksumValue, parseChecksumHeaders } from './checksums';
import { localIntegrityHasher, type IntegrityDigests, type IntegrityHasher } from './integrity-hasher';
import { offloadedIntegrityHasher } from './offloaded-hasher';

export interface VerifyBodyOptions {
  readonly payload: PayloadMode;
  readonly contentEncoding?: string;
  /** x-amz-decoded-content-length, for aws-chunked bodies. */
  readonly decodedContentLength?: number;
  readonly contentLength?: number;
  readonly contentMd5?: string;
  /** Request headers (lower-case names); only x-amz-checksum-* and x-amz-sdk-checksum-algorithm are read. */
  readonly checksumHeaders: Readonly<Record<string, string>>;
  /** Names announced in x-amz-trailer. */
  readonly trailerNames?: readonly string[];
}

export interface BodyDigests {
  readonly size: number;
  readonly md5Hex: string;
  readonly checksums: Checksums;
}

export interface VerifiedBody {
  readonly stream: Readable;
  result(): Promise<BodyDigests>;
}

/** Content-MD5 must be base64 of 16 bytes, else 400 InvalidDigest, before any byte is read. */
function parseContentMd5(v: string | undefined): Buffer | undefined {
  if (v === undefined) return undefined;
  const b = Buffer.from(v.trim(), 'base64');
  if (b.length !== 16 || b.toString('base64') !== v.trim()) throw new S3Error('InvalidDigest');
  return b;
}

interface Expectations {
  readonly sha256?: string;
  readonly md5?: Buffer;
  readonly algorithm: ChecksumAlgorithm;
  readonly checksum?: string;
  readonly fromTrailer?: AwsChunkedDecoder;
  readonly rawLength?: number;
}

/**
 * Hashes the decoded bytes and checks them in _flush, so a mismatch becomes a stream error
 * instead of 'end': a storage writer that commits on 'end' never commits a bad object.
 */
class DigestingStream extends Transform {
  private readonly integrity: IntegrityHasher;
  private readonly sha256: Hash | undefined;
  private size = 0;
  digests: BodyDigests | undefined;

  constructor(private readonly exp: Expectations, wantSha256: boolean, offload: boolean) {
    super();
    this.sha256 = wantSha256 ? createHash('sha256') : undefined;
    this.integrity = offload ? offloadedIntegrityHasher(exp.algorithm) : localIntegrityHasher(exp.algorithm);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.size += chunk.length;
    this.sha256?.update(chunk);
    const wait = this.integrity.update(chunk);
    this.push(chunk);
    if (wait === undefined) cb();
    else wait.then(() => cb(), (e: unknown) => cb(e instanceof Error ? e : new Error(String(e))));
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    if (this.digests === undefined) this.integrity.abort();
    cb(err);
  }

  override _flush(cb: TransformCallback): void {
    this.integrity.digest().then((d) => this.check(d, cb), (e: unknown) => cb(e instanceof Error ? e : new Error(String(e))));
  }

  private check(integrity: IntegrityDigests, cb: TransformCallback): void {
    try {
      const e = this.exp;
      if (e.rawLength !== undefined && this.size < e.rawLength) throw new S3Error('IncompleteBody');
      if (e.sha256 !== undefined && this.sha256 !== undefined) {
        const got = this.sha256.digest('hex');
        if (got !== e.sha256) {
          throw new S3Error('XAmzContentSHA256Mismatch', undefined, [
            ['ClientComputedContentSHA256', e.sha256],
            ['S3ComputedContentSHA256', got],
          ]);
        }
      }
      const md5 = integrity.md5;
      if (e.md5 !== undefined && !md5.equals(e.md5)) {
        throw new S3Error('BadDigest', undefined, [
          ['ExpectedDigest', e.md5.toString('base64')],
          ['CalculatedDigest', md5.toString('base64')],
        ]);
      }
      const value = integrity.checksumBase64;
      let expected = e.checksum;
      if (e.fromTrailer !== undefined) {
        const name = checksumHeaderName(e.algorithm);
        expected = e.fromTrailer.trailers()[name];
        if (expected === undefined) throw new S3Error('IncompleteBody', `The trailer ${name} was announced but not sent.`);
        if (!isValidChecksumValue(e.algorithm, expected)) throw new S3Error('InvalidRequest', `Value for ${name} trailing header is invalid.`);
      }
      if (expected !== undefined && expected !== value) throw checksumMismatch(e.algorithm);
      this.digests = { size: this.size, md5Hex: md5.toString('hex'), checksums: { [e.algorithm]: value } };
      cb();
    } catch (err) {
      cb(err instanceof Error ? err : new Error(String(err)));
    }
  }
}

/** Bodies this large hash MD5 and their checksum on the hashing thread. */
const OFFLOAD_THRESHOLD = 4 * 1024 * 1024;

/**
 * Wraps a request body: decodes aws-chunked when the payload mode says so (verifying every
 * chunk signature), always computes MD5 (the ETag) and the requested x-amz-checksum (or
 * CRC64NVME, which S3 computes when none is requested), SHA-256 only when it must be checked.
 * Header problems throw synchronously; body problems error the returned stream before 'end'.
 */
export function verifyBody(source: Readable, opts: VerifyBodyOptions): VerifiedBody {
  const md5 = parseContentMd5(opts.contentMd5);
  const asked = parseChecksumHeaders(opts.checksumHeaders, opts.trailerNames);
  const p = opts.payload;
  const chunked = p.kind === 'streaming-signed' || p.kind === 'streaming-unsigned-trailer';
  const trailer = p.kind === 'streaming-unsigned-trailer' || (p.kind === 'streaming-signed' && p.trailer);
  if (asked.inTrailer && !trailer) {
    throw new S3Error('InvalidRequest', 'x-amz-trailer is only allowed with a STREAMING-*-TRAILER x-amz-content-sha256.');
  }
  const decoder = chunked
    ? new AwsChunkedDecoder({
        signing: p.kind === 'streaming-signed' ? p.chunkSigning : undefined,
        trailer,
        decodedLength: opts.decodedContentLength,
        announcedTrailers: opts.trailerNames,
      })
    : undefined;
  const algorithm = asked.algorithm ?? 'CRC64NVME';
  const digesting = new DigestingStream(
    {
      sha256: p.kind === 'signed' ? p.sha256 : undefined,
      md5,
      algorithm,
      checksum: asked.expected,
      fromTrailer: asked.inTrailer ? decoder : undefined,
      rawLength: chunked ? undefined : opts.contentLength,
    },
    p.kind === 'signed',
    (opts.decodedContentLength ?? opts.contentLength ?? 0) >= OFFLOAD_THRESHOLD,
  );

  let settle: { resolve: (d: BodyDigests) => void; reject: (e: Error) => void } | undefined;
  const done = new Promise<BodyDigests>((resolve, reject) => (settle = { resolve, reject }));
  done.catch(() => undefined); // callers that only read the stream must not see an unhandled rejection
  const finish = (err: Error | null | undefined): void => {
    if (err) {
      if (!digesting.destroyed) digesting.destroy(err);
      settle?.reject(err);
    } else if (digesting.digests !== undefined) settle?.resolve(digesting.digests);
  };
  if (decoder !== undefined) pipeline(source, decoder, digesting, finish);
  else pipeline(source, digesting, finish);
  // pipeline's callback fires on 'finish'; the digests exist by then, but resolve early too.
  digesting.on('end', () => digesting.digests !== undefined && settle?.resolve(digesting.digests));
  return { stream: digesting, result: () => done };
}

/**
 * Reads a small body (XML configuration, policies) fully, verified, up to maxBytes; a larger
 * body is 400 MaxMessageLengthExceeded, as S3 answers for oversized configuration documents.
 */
export async function readVerifiedBuffer(source: Readable, opts: VerifyBodyOptions, maxBytes: number): Promise<{ body: Buffer; digests: BodyDigests }> {
  const declared = opts.decodedContentLength ?? opts.contentLength;
  if (declared !== undefined && declared > maxBytes) throw new S3Error('MaxMessageLengthExceeded');
  const verified = verifyBody(source, opts);
  const parts: Buffer[] = [];
  let total = 0;
  for await (const piece of verified.stream) {
    const b = piece as Buffer;
    total += b.length;
    if (total > maxBytes) {
      verified.stream.destroy();
      throw new S3Error('MaxMessageLengthExceeded');
    }
    parts.push(b);
  }
  return { body: Buffer.concat(parts, total), digests: await verified.result() };
}
