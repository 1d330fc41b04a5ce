// Child-process side of the parent/child protocol shared by every server entry.
// Each server runs in its own process so the parent can read its RSS from /proc
// and so the server never competes with the load generator for one event loop.
import type { ChildMessage, Endpoint, StopMessage } from '../types';

export interface RunningServer extends Endpoint {
  stop(): Promise<void>;
}

function send(msg: ChildMessage): void {
  if (process.send) process.send(msg);
}

function isStop(msg: unknown): msg is StopMessage {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'stop';
}

/** Starts a server, announces it, and stops it when the parent asks (or dies). */
export function serveUntilStopped(start: () => Promise<RunningServer>): void {
  start().then(
    (server) => {
      const shutdown = (): void => {
        // A stop that hangs must not wedge the whole bench: exit regardless.
        const timer = setTimeout(() => process.exit(0), 5000);
        timer.unref();
        server.stop().finally(() => process.exit(0));
      };
      process.on('message', (msg: unknown) => {
        if (isStop(msg)) shutdown();
      });
      // Parent gone (crash, Ctrl-C): do not linger as an orphan listener.
      process.on('disconnect', shutdown);
      send({
        type: 'ready',
        endpoint: server.endpoint,
        accessKeyId: server.accessKeyId,
        secretAccessKey: server.secretAccessKey,
      });
    },
    (err: unknown) => {
      // The parent shows only the message; keep the stack for whoever debugs the server.
      if (err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
      send({ type: 'unavailable', reason: err instanceof Error ? err.message : String(err) });
      process.exit(0);
    },
  );
}
