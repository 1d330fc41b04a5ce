import { S3Client } from '@aws-sdk/client-s3';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../server/index';

/** An in-process emulator on a free port, with an SDK client factory. */
export interface Harness {
  readonly emu: Emulator;
  s3(overrides?: Partial<{ accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean; endpoint: string; region: string }>): S3Client;
}

export async function startHarness(opts: EmulatorOptions = {}): Promise<Harness> {
  const emu = await startEmulator({ port: 0, tlsPort: false, ephemeral: true, quiet: true, ...opts });
  return {
    emu,
    s3(o = {}) {
      return new S3Client({
        endpoint: o.endpoint ?? emu.endpoint,
        region: o.region ?? 'us-east-1',
        forcePathStyle: o.forcePathStyle ?? true,
        credentials: { accessKeyId: o.accessKeyId ?? emu.credentials.accessKeyId, secretAccessKey: o.secretAccessKey ?? emu.credentials.secretAccessKey },
        maxAttempts: 1,
      });
    },
  };
}

/** Awaits a rejection and returns the SDK error's name and HTTP status. */
export async function sdkError(p: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string; error: Error & Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number } } & Record<string, unknown>;
    return { name: err.name, status: err.$metadata?.httpStatusCode, message: err.message, error: err };
  }
  throw new Error('expected the request to fail, but it succeeded');
}

let counter = 0;
export function uniqueBucket(prefix = 'test'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}
