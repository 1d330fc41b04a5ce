import { randomBytes } from 'node:crypto';
import { TLSSocket } from 'node:tls';
import type { Deps } from '../deps';
import type { TlsInfo } from '../request-facts';
import { listenerOf, type PipelineContext } from './state';

/** Step 1: request id, timer, and the frozen transport facts every later step (and policy) reads. */
export function recordFacts(deps: Deps, ctx: PipelineContext): void {
  const { requestId, hostId } = nextIds();
  const req = ctx.req;
  const headers = req.headers;
  // ctx.set and ctx.get, without Koa's per-call normalisation (nothing is sent yet).
  ctx.res.setHeader('x-amz-request-id', requestId);
  ctx.res.setHeader('x-amz-id-2', hostId);
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  const socket = req.socket;
  const tls: TlsInfo = socket instanceof TLSSocket
    ? { secure: true, version: socket.getProtocol() ?? undefined, cipher: socket.getCipher()?.name }
    : { secure: false };
  const forwarded = deps.settings.trustForwarded ? firstForwarded(ctx.get('x-forwarded-for')) : undefined;
  ctx.state.startedAt = process.hrtime.bigint();
  ctx.state.service = 's3';
  ctx.state.query = new URLSearchParams(rawQuery);
  ctx.state.facts = Object.freeze({
    requestId,
    hostId,
    method: req.method ?? 'GET',
    rawPath,
    rawQuery,
    host: headers.host || '',
    sourceIp: forwarded ?? normaliseIp(socket.remoteAddress ?? ''),
    userAgent: headers['user-agent'] || undefined,
    listener: listenerOf(req),
    tls,
    receivedAt: deps.clock.realNow(),
    now: deps.clock.now(),
  });
}

/** Ids come from a pool of random bytes refilled in batches: one syscall per 256 requests. */
const ID_BYTES = 40;
const POOL_SIZE = 256;
let pool = Buffer.alloc(0);
let offset = 0;

function nextIds(): { requestId: string; hostId: string } {
  if (offset + ID_BYTES > pool.length) {
    pool = randomBytes(ID_BYTES * POOL_SIZE);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return { requestId: bytes.subarray(0, 8).toString('hex').toUpperCase(), hostId: bytes.subarray(8).toString('base64') };
}

function firstForwarded(header: string): string | undefined {
  const first = header.split(',')[0]?.trim();
  return first ? first : undefined;
}

/** IPv4 clients on a dual-stack socket appear as ::ffff:a.b.c.d; policies use a.b.c.d. */
function normaliseIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
