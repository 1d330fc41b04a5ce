import type { IncomingMessage } from 'node:http';
import type { ParameterizedContext } from 'koa';
import type { AuthFacts, ListenerInfo, RequestFacts } from '../request-facts';
import type { AuthOutcome } from '../auth/types';
import type { ResolvedOperation } from '../operations/resolve';
import type { OperationInput } from '../operations/types';

/** What each pipeline step adds, in order. */
export interface PipelineState {
  facts: RequestFacts;
  startedAt: bigint;
  query: URLSearchParams;
  operation?: ResolvedOperation;
  /** Name for logs even when resolution failed or the request is not S3's. */
  operationName?: string;
  service: 's3' | 'kms' | 'iam' | 'sts' | 'emulator';
  outcome?: AuthOutcome;
  auth?: AuthFacts;
  input?: OperationInput;
  xmlBody?: Buffer;
  streamBody?: import('../operations/types').BodyStream;
  errorCode?: string;
}

export type PipelineContext = ParameterizedContext<PipelineState>;

/** Set by each listener before the request enters the pipeline. */
const listenerOfRequest = new WeakMap<IncomingMessage, ListenerInfo>();

export function tagListener(req: IncomingMessage, info: ListenerInfo): void {
  listenerOfRequest.set(req, info);
}

export function listenerOf(req: IncomingMessage): ListenerInfo {
  return listenerOfRequest.get(req) ?? { kind: 'http', port: 0 };
}

/** Set when the client sent Expect: 100-continue; the body reader answers it. */
const awaitingContinue = new WeakSet<IncomingMessage>();

export function markExpectContinue(req: IncomingMessage): void {
  awaitingContinue.add(req);
}

export function takeExpectContinue(req: IncomingMessage): boolean {
  const was = awaitingContinue.has(req);
  awaitingContinue.delete(req);
  return was;
}
