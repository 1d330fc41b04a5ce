import type { IncomingMessage } from 'node:http';
import type { PayloadMode } from '../auth/types';
import { readVerifiedBuffer, verifyBody } from '../body/verified-body';
import { S3Error } from '../errors/s3-error';
import type { BodyStream } from '../operations/types';
import { takeExpectContinue, type PipelineContext } from './state';

/** XML configuration bodies are small; AWS caps most at a few hundred KiB. */
export const XML_BODY_LIMIT = 1024 * 1024;

function intHeader(req: IncomingMessage, name: string): number | undefined {
  const v = req.headers[name];
  if (typeof v !== 'string' || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw new S3Error('InvalidArgument', `Invalid ${name} header`);
  return Number(v);
}

function checksumHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string' && (name.startsWith('x-amz-checksum-') || name === 'x-amz-sdk-checksum-algorithm')) out[name] = value;
  }
  return out;
}

export function bodyOptions(req: IncomingMessage, payload: PayloadMode) {
  const trailer = req.headers['x-amz-trailer'];
  return {
    payload,
    contentEncoding: typeof req.headers['content-encoding'] === 'string' ? req.headers['content-encoding'] : undefined,
    decodedContentLength: intHeader(req, 'x-amz-decoded-content-length'),
    contentLength: intHeader(req, 'content-length'),
    contentMd5: typeof req.headers['content-md5'] === 'string' ? req.headers['content-md5'] : undefined,
    checksumHeaders: checksumHeaders(req),
    trailerNames: typeof trailer === 'string' ? trailer.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean) : undefined,
  };
}

/** Answer Expect: 100-continue only once the request has been found acceptable. */
export function continueIfExpected(req: IncomingMessage, res: { writeContinue(): void }): void {
  if (takeExpectContinue(req)) res.writeContinue();
}

/**
 * Step 5: XML bodies are read, verified and capped now; streams are wrapped and read by the
 * handler. A promise only when an XML body is being read.
 */
export function readBodyStep(ctx: PipelineContext): Promise<void> | undefined {
  const op = ctx.state.operation;
  const outcome = ctx.state.outcome;
  if (!op || !outcome) throw new Error('readBody before resolve/authenticate');
  if (op.spec.body !== 'xml' && op.spec.body !== 'stream') {
    // No body to read: only the header checks bodyOptions would make (GET's hot path).
    intHeader(ctx.req, 'x-amz-decoded-content-length');
    intHeader(ctx.req, 'content-length');
    return undefined;
  }
  const opts = bodyOptions(ctx.req, outcome.payload);
  if (op.spec.body === 'xml') {
    continueIfExpected(ctx.req, ctx.res);
    return readVerifiedBuffer(ctx.req, opts, XML_BODY_LIMIT).then(({ body: buf }) => {
      ctx.state.xmlBody = buf;
    });
  } else {
    const chunked = (opts.contentEncoding ?? '').split(',').map((s) => s.trim()).includes('aws-chunked');
    if (opts.contentLength === undefined && !chunked && ctx.req.headers['transfer-encoding'] === undefined) {
      throw new S3Error('MissingContentLength');
    }
    const verified = verifyBody(ctx.req, opts);
    const body: BodyStream = { stream: verified.stream, payload: outcome.payload, result: () => verified.result() };
    ctx.state.streamBody = body;
  }
  return undefined;
}
