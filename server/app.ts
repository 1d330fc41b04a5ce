import Koa from 'koa';
import type { Deps } from './deps';
import { emulatorEndpoints, type ListenerPorts } from './emulator/endpoints';
import { accessLog } from './middleware/access-log';
import { authenticateStep } from './middleware/authenticate';
import { authorize } from './middleware/authorize';
import { errorResponder } from './middleware/error-responder';
import { readBody } from './middleware/read-body';
import { requestFacts } from './middleware/request-facts';
import { resolveOperation } from './middleware/resolve-operation';
import { respond } from './middleware/respond';
import { kmsService } from './middleware/kms-service';
import type { PipelineState } from './middleware/state';
import { OperationTable } from './operations/resolve';
import { S3_OPERATIONS } from './operations/registry';

/**
 * The pipeline and nothing else:
 * facts → log → errors → emulator endpoints → resolve → authenticate → (kms) → body → authorize → respond.
 */
export function createApp(deps: Deps, ports: () => ListenerPorts, startedAt: Date): Koa<PipelineState> {
  const app = new Koa<PipelineState>();
  app.proxy = deps.settings.trustForwarded;
  // Errors are answered by errorResponder; Koa's own handler would only print them.
  app.silent = true;
  app.on('error', (err: unknown) => deps.log.warn('response stream error', { error: String(err) }));
  const table = new OperationTable(S3_OPERATIONS);
  app.use(requestFacts(deps));
  app.use(accessLog(deps));
  app.use(errorResponder(deps));
  app.use(emulatorEndpoints(deps, ports, startedAt));
  app.use(resolveOperation(deps, table));
  app.use(authenticateStep(deps));
  app.use(kmsService(deps));
  app.use(readBody());
  app.use(authorize(deps));
  app.use(respond(deps));
  return app;
}
