import { pipeline, type Readable, type Transform } from 'node:stream';

/**
 * source → transform, with errors carried forward: `a.pipe(b)` would leave `b` waiting
 * forever when `a` fails, and a blob writer reading `b` would never settle.
 */
export function chain(source: Readable, transform: Transform): Readable {
  return pipeline(source, transform, () => undefined);
}
