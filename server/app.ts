import Koa from 'koa';
import type { Deps } from './deps';
import { emulatorEndpoints, type ListenerPorts } from './emulator/endpoints';
import { front, operationPipeline } from './middleware/pipeline';
import type { PipelineState } from './middleware/state';
import { OperationTable } from './operations/resolve';
import { S3_OPERATIONS } from './operations/registry';

/**
 * The pipeline and nothing else:
 * facts → log → errors → emulator endpoints → resolve → authenticate → (kms) → body → authorize → respond.
 */
export function createApp(deps: Deps, ports: () => ListenerPorts, startedAt: Date, reset: () => void): Koa<PipelineState> {
  const app = new Koa<PipelineState>();
  app.proxy = deps.settings.trustForwarded;
  // Errors are answered by errorResponder; Koa's own handler would only print them.
  app.silent = true;
  app.on('error', (err: unknown) => deps.log.warn('response stream error', { error: String(err) }));
  const table = new OperationTable(S3_OPERATIONS);
  // facts, access log and error responder as one layer; the operation's steps as another
  // (server/middleware/pipeline.ts): fewer Koa layers per request, same order.
  app.use(front(deps));
  app.use(emulatorEndpoints(deps, ports, startedAt, reset));
  app.use(operationPipeline(deps, table));
  return app;
}
