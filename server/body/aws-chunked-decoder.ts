import { createHash, Hash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { S3Error } from '../errors/s3-error';
import type { ChunkDecoderFactory, ChunkDecoderOptions, ChunkSigningContext } from '../auth/types';
import { EMPTY_SHA256, sha256Hex } from '../auth/sigv4/hash';
import { hmacHex, signaturesEqual } from '../auth/sigv4/verify';

const MAX_LINE = 4096; // a chunk header or trailer line; anything longer is not aws-chunked
const MIN_CHUNK = 8192; // AWS: only the last data chunk of a signed stream may be smaller
const CRLF = Buffer.from('\r\n');

type State = 'header' | 'data' | 'data-crlf' | 'end-crlf' | 'trailer' | 'done';

function malformed(detail: string): S3Error {
  return new S3Error('InvalidRequest', `Malformed aws-chunked body: ${detail}.`);
}

function chunkStringToSign(ctx: ChunkSigningContext, previous: string, dataHash: string): string {
  return `AWS4-HMAC-SHA256-PAYLOAD\n${ctx.amzDate}\n${ctx.scope}\n${previous}\n${EMPTY_SHA256}\n${dataHash}`;
}

/**
 * Decodes Content-Encoding: aws-chunked ("hex-size[;chunk-signature=sig]\r\n data \r\n" ...,
 * a 0-size chunk, then optional trailers) as a stream. Data is passed on as it arrives (never
 * buffered whole); every chunk signature is checked when its chunk ends, chained from the seed
 * signature, and the trailer signature at the end, so a bad byte errors the stream before it
 * ends. Input may be split anywhere.
 */
export class AwsChunkedDecoder extends Transform {
  private state: State = 'header';
  private line: Buffer[] = [];
  private lineLength = 0;
  private remaining = 0;
  private crlfSeen = 0;
  private chunkHash: Hash | undefined;
  private chunkSignature: string | undefined;
  private previousSignature: string;
  private chunkIndex = 0;
  private lastDataSize = -1;
  private decoded = 0;
  private readonly received: Record<string, string> = {};
  private trailerCanonical = '';
  private trailerSigned = false;

  constructor(private readonly opts: ChunkDecoderOptions) {
    super();
    this.previousSignature = opts.signing?.seedSignature ?? '';
  }

  /** Trailers received (lower-case names), x-amz-trailer-signature excluded. */
  trailers(): Record<string, string> {
    return { ...this.received };
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.consume(chunk);
      cb();
    } catch (e) {
      cb(e instanceof Error ? e : new Error(String(e)));
    }
  }

  override _flush(cb: TransformCallback): void {
    try {
      // The final CRLF after the last chunk (or trailers) is sometimes omitted; EOF ends it too.
      if (this.state === 'trailer' && this.lineLength === 0) this.finishTrailers();
      else if (this.state === 'end-crlf' && this.crlfSeen === 0) this.state = 'done';
      if (this.state !== 'done') throw new S3Error('IncompleteBody');
      if (this.opts.decodedLength !== undefined && this.decoded !== this.opts.decodedLength) {
        throw new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the x-amz-decoded-content-length HTTP header.');
      }
      cb();
    } catch (e) {
      cb(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private consume(buf: Buffer): void {
    let i = 0;
    while (i < buf.length) {
      switch (this.state) {
        case 'header':
        case 'trailer': {
          const nl = buf.indexOf(0x0a, i);
          const end = nl < 0 ? buf.length : nl + 1;
          this.lineLength += end - i;
          if (this.lineLength > MAX_LINE) throw malformed('line too long');
          this.line.push(buf.subarray(i, end));
          i = end;
          if (nl >= 0) this.endOfLine();
          break;
        }
        case 'data': {
          const n = Math.min(this.remaining, buf.length - i);
          const piece = buf.subarray(i, i + n);
          this.chunkHash?.update(piece);
          this.decoded += n;
          if (this.opts.decodedLength !== undefined && this.decoded > this.opts.decodedLength) {
            throw new S3Error('IncompleteBody', 'The body is longer than x-amz-decoded-content-length.');
          }
          this.push(piece);
          this.remaining -= n;
          i += n;
          if (this.remaining === 0) {
            this.verifyChunk(this.chunkHash === undefined ? '' : this.chunkHash.digest('hex'));
            this.state = 'data-crlf';
            this.crlfSeen = 0;
          }
          break;
        }
        case 'data-crlf':
        case 'end-crlf': {
          if (buf[i] !== CRLF[this.crlfSeen]) throw malformed('expected CRLF after chunk data');
          i++;
          if (++this.crlfSeen === 2) this.state = this.state === 'data-crlf' ? 'header' : 'done';
          break;
        }
        case 'done':
          throw malformed('data after the final chunk');
      }
    }
  }

  private takeLine(): string {
    const text = Buffer.concat(this.line, this.lineLength).toString('latin1');
    this.line = [];
    this.lineLength = 0;
    if (!text.endsWith('\r\n')) throw malformed('line not terminated by CRLF');
    return text.slice(0, -2);
  }

  private endOfLine(): void {
    const text = this.takeLine();
    if (this.state === 'trailer') return this.trailerLine(text);
    const m = /^([0-9a-fA-F]{1,16})(?:;chunk-signature=([0-9a-f]{64}))?$/.exec(text);
    if (m === null) throw malformed('invalid chunk header');
    const size = parseInt(m[1], 16);
    this.chunkSignature = m[2];
    if (this.opts.signing !== undefined) {
      if (this.chunkSignature === undefined) throw new S3Error('SignatureDoesNotMatch');
      if (size > 0 && this.lastDataSize >= 0 && this.lastDataSize < MIN_CHUNK) {
        throw new S3Error('InvalidChunkSizeError', undefined, [
          ['Chunk', String(this.chunkIndex)],
          ['BadChunkSize', String(this.lastDataSize)],
        ]);
      }
    }
    this.chunkIndex++;
    if (size === 0) {
      this.verifyChunk(this.opts.signing === undefined ? '' : EMPTY_SHA256);
      this.state = this.opts.trailer ? 'trailer' : 'end-crlf';
      this.crlfSeen = 0;
      return;
    }
    this.lastDataSize = size;
    this.remaining = size;
    this.chunkHash = this.opts.signing === undefined ? undefined : createHash('sha256');
    this.state = 'data';
  }

  private verifyChunk(dataHash: string): void {
    const ctx = this.opts.signing;
    if (ctx === undefined) return;
    const expected = hmacHex(ctx.signingKey, chunkStringToSign(ctx, this.previousSignature, dataHash));
    if (!signaturesEqual(expected, this.chunkSignature ?? '')) throw new S3Error('SignatureDoesNotMatch');
    this.previousSignature = expected;
  }

  private trailerLine(text: string): void {
    if (text === '') return this.finishTrailers();
    const colon = text.indexOf(':');
    if (colon <= 0) throw malformed('invalid trailer');
    const name = text.slice(0, colon).trim().toLowerCase();
    const value = text.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') return this.verifyTrailerSignature(value);
    if (this.trailerSigned) throw malformed('trailer after the trailer signature');
    this.received[name] = value;
    this.trailerCanonical += `${name}:${value}\n`;
  }

  private verifyTrailerSignature(provided: string): void {
    const ctx = this.opts.signing;
    if (ctx === undefined) return; // unsigned trailers: nothing to verify against
    const sts = `AWS4-HMAC-SHA256-TRAILER\n${ctx.amzDate}\n${ctx.scope}\n${this.previousSignature}\n${sha256Hex(this.trailerCanonical)}`;
    if (!signaturesEqual(hmacHex(ctx.signingKey, sts), provided)) throw new S3Error('SignatureDoesNotMatch');
    this.trailerSigned = true;
  }

  private finishTrailers(): void {
    if (this.opts.signing !== undefined && !this.trailerSigned) throw new S3Error('SignatureDoesNotMatch');
    for (const name of this.opts.announcedTrailers ?? []) {
      if (this.received[name.trim().toLowerCase()] === undefined) throw new S3Error('IncompleteBody', `The trailer ${name.trim()} was announced but not sent.`);
    }
    this.state = 'done';
  }
}

export const createAwsChunkedDecoder: ChunkDecoderFactory = (opts) => new AwsChunkedDecoder(opts);
