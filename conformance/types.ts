// Shared types of the conformance suite. Kept free of runtime code so scenario
// files and the runner can import them without cycles.
import type { S3Client } from '@aws-sdk/client-s3';

export interface ConformanceOptions {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  region?: string;
  /** Path-style addressing; defaults to true because local endpoints rarely have wildcard DNS. */
  pathStyle?: boolean;
  /** Run only scenarios whose name contains this substring (case-insensitive). */
  only?: string;
  /** Per-scenario timeout in ms (default 60000). */
  timeoutMs?: number;
  /** Called after each scenario, e.g. to stream progress. */
  onResult?: (result: ScenarioResult) => void;
}

export type ClientVariant = 'valid' | 'wrong-secret' | 'unknown-key';

export interface ClientExtras {
  /** Milliseconds added to the signing clock (to provoke RequestTimeTooSkewed). */
  systemClockOffset?: number;
  requestChecksumCalculation?: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
}

export interface ExpectedError {
  code?: string;
  status?: number;
}

export interface ErrorInfo {
  code: string | undefined;
  status: number | undefined;
  message: string;
  headers: Record<string, string>;
}

export interface ScenarioContext {
  readonly region: string;
  readonly pathStyle: boolean;
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** A fresh S3Client; variants sign with a wrong secret or an unknown access key. */
  client(variant?: ClientVariant, extra?: ClientExtras): S3Client;
  /** The default client (valid credentials), shared within the scenario. */
  readonly s3: S3Client;
  /** A unique bucket name registered for cleanup, not created. */
  bucketName(): string;
  /** Registers an arbitrary bucket name for cleanup (e.g. one a lax server should have refused). */
  trackBucket(name: string): string;
  /** Creates a unique bucket (registered for cleanup), optionally with versioning enabled. */
  createBucket(opts?: { versioning?: boolean }): Promise<string>;
  /** Asserts the promise rejects with the given S3 code/status; returns what was seen. */
  expectError(promise: Promise<unknown>, expected: ExpectedError): Promise<ErrorInfo>;
  /** URL of an object (or bucket when key is undefined) honouring the addressing style. */
  objectUrl(bucket: string, key?: string, query?: Record<string, string>): URL;
}

export interface Scenario {
  name: string;
  run(ctx: ScenarioContext): Promise<void>;
}

export interface ScenarioResult {
  name: string;
  passed: boolean;
  ms: number;
  reason?: string;
}

export interface ConformanceSummary {
  passed: number;
  failed: number;
  results: ScenarioResult[];
}
