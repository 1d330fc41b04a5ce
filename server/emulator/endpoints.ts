import { timingSafeEqual, createHash } from 'node:crypto';
import type { Next } from 'koa';
import { authenticate as verifySignature } from '../auth/authenticate';
import { principalOf } from '../accounts';
import { readVerifiedBuffer } from '../body/verified-body';
import type { Deps } from '../deps';
import { S3Error } from '../errors/s3-error';
import { bodyOptions } from '../middleware/read-body';
import type { PipelineContext } from '../middleware/state';

export const EMULATOR_PREFIX = '/_emulator/';

export interface ListenerPorts {
  http?: number;
  https?: number;
  vpcEndpoints: Record<string, number>;
  caFile?: string;
}

function tokenMatches(given: string, expected: string): boolean {
  // Hash both so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Admin endpoints need an account root's SigV4 signature or the admin bearer token. */
async function requireAdmin(ctx: PipelineContext, deps: Deps): Promise<Buffer> {
  const authz = ctx.get('authorization');
  if (authz.startsWith('Bearer ')) {
    if (!deps.settings.adminToken || !tokenMatches(authz.slice(7), deps.settings.adminToken)) throw new S3Error('AccessDenied');
    return (await readVerifiedBuffer(ctx.req, bodyOptions(ctx.req, { kind: 'unsigned' }), 64 * 1024)).body;
  }
  const f = ctx.state.facts;
  const outcome = verifySignature({ method: f.method, rawPath: f.rawPath, rawQuery: f.rawQuery, headers: ctx.req.headersDistinct }, deps.accounts.lookup, {
    region: deps.settings.region, realNow: f.receivedAt, now: f.now,
  });
  if (outcome.kind !== 'signed' || principalOf(outcome.credential).type !== 'Root') throw new S3Error('AccessDenied');
  ctx.state.auth = { principal: principalOf(outcome.credential), service: 's3', signatureVersion: outcome.signatureVersion, authType: outcome.authType };
  return (await readVerifiedBuffer(ctx.req, bodyOptions(ctx.req, outcome.payload), 64 * 1024)).body;
}

function parseJson(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const v: unknown = JSON.parse(body.toString('utf8'));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch { /* fall through */ }
  throw new S3Error('InvalidArgument', 'The request body must be a JSON object.');
}

function clockBody(deps: Deps) {
  return { now: deps.clock.now().toISOString(), offsetSeconds: deps.clock.offsetSeconds() };
}

/** The /_emulator/ endpoints (CONTRACT.md "Emulator endpoints"). */
export function emulatorEndpoints(deps: Deps, ports: () => ListenerPorts, startedAt: Date, reset: () => void) {
  return async (ctx: PipelineContext, next: Next): Promise<void> => {
    const path = ctx.state.facts.rawPath;
    if (!path.startsWith(EMULATOR_PREFIX)) return next();
    ctx.state.service = 'emulator';
    const name = path.slice(EMULATOR_PREFIX.length);
    ctx.state.operationName = `emulator:${name}`;
    if (name === 'health' && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      const p = ports();
      ctx.body = {
        status: 'ok',
        version: deps.settings.version,
        uptimeSeconds: Math.round((deps.clock.realNow().getTime() - startedAt.getTime()) / 1000),
        listeners: { http: p.http, https: p.https, vpcEndpoints: p.vpcEndpoints },
        tls: { caFile: p.caFile },
      };
      return;
    }
    if (name === 'clock' && (ctx.method === 'GET' || ctx.method === 'POST')) {
      const body = await requireAdmin(ctx, deps);
      if (ctx.method === 'POST') {
        const req = parseJson(body);
        const advance = req['advanceSeconds'];
        const offset = req['offsetSeconds'];
        if (advance !== undefined && (typeof advance !== 'number' || !Number.isFinite(advance))) throw new S3Error('InvalidArgument', 'advanceSeconds must be a number');
        if (offset !== undefined && (typeof offset !== 'number' || !Number.isFinite(offset))) throw new S3Error('InvalidArgument', 'offsetSeconds must be a number');
        if (advance === undefined && offset === undefined) throw new S3Error('InvalidArgument', 'Give advanceSeconds or offsetSeconds');
        if (offset !== undefined) deps.clock.setOffsetSeconds(offset);
        if (advance !== undefined) deps.clock.advanceSeconds(advance);
      }
      ctx.body = clockBody(deps);
      return;
    }
    if (name === 'reset' && ctx.method === 'POST') {
      await requireAdmin(ctx, deps);
      reset();
      ctx.body = { status: 'reset', ...clockBody(deps) };
      return;
    }
    await requireAdmin(ctx, deps);
    throw new S3Error('NotImplemented', `The emulator endpoint ${ctx.method} /_emulator/${name} is not implemented.`);
  };
}
