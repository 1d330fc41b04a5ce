// Shared vocabulary of the benchmark: which servers, which rows, what a row measures.

/** A server under test. `emulator-fsync` is the emulator with power-loss durability on. */
export type ServerKind = 'emulator' | 'emulator-fsync' | 's3rver' | 'ceiling';

export type RowId =
  | 'put-4k-c1'
  | 'put-4k-c1-kms'
  | 'get-4k-c1'
  | 'put-4k-c16'
  | 'get-4k-c16'
  | 'put-64m'
  | 'put-64m-kms'
  | 'get-64m'
  | 'get-64m-kms'
  | 'list-1000';

// Each -kms row runs right after its SSE-S3 twin, so the pair shares the box's conditions.
export const ALL_ROWS: readonly RowId[] = [
  'put-4k-c1',
  'put-4k-c1-kms',
  'get-4k-c1',
  'put-4k-c16',
  'get-4k-c16',
  'put-64m',
  'put-64m-kms',
  'get-64m',
  'get-64m-kms',
  'list-1000',
];

/**
 * Rows that send `x-amz-server-side-encryption: aws:kms`. Emulator variants only:
 * s3rver and the ceiling have no KMS, and would store plaintext whatever the header says.
 */
export const KMS_ROWS: readonly RowId[] = ['put-4k-c1-kms', 'put-64m-kms', 'get-64m-kms'];

/** The SSE-S3 row (the emulator's default encryption) each SSE-KMS row is the twin of. */
export const KMS_TWIN: Partial<Record<RowId, RowId>> = {
  'put-4k-c1-kms': 'put-4k-c1',
  'put-64m-kms': 'put-64m',
  'get-64m-kms': 'get-64m',
};

/** Credentials and address a server child announces once it listens. */
export interface Endpoint {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Child -> parent messages. A child sends exactly one of these. */
export type ChildMessage =
  | ({ type: 'ready' } & Endpoint)
  | { type: 'unavailable'; reason: string };

/** Parent -> child message: stop listening, clean up and exit. */
export interface StopMessage {
  type: 'stop';
}

/** Result of one (row, server) cell. */
export interface CellResult {
  row: RowId;
  server: ServerKind;
  /** Set when the server could not be started (e.g. emulator not built yet). */
  skipped?: string;
  ops: number;
  errors: number;
  /** First non-2xx status or transport error, for diagnosis. */
  firstError?: string;
  seconds: number;
  opsPerSec: number;
  mibPerSec: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMiB: number;
  /** Load generator CPU over the timed window; near 100% means the row measures the client. */
  clientCpuPct: number;
}
