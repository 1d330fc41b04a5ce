// Normalises SDK v3 errors (and fetch responses) into {code, status} so that
// scenarios compare literal AWS error codes regardless of how they surfaced.
import type { ErrorInfo, ExpectedError } from '../types';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function errorInfo(err: unknown): ErrorInfo {
  if (!isRecord(err)) return { code: undefined, status: undefined, message: String(err), headers: {} };
  const meta = isRecord(err.$metadata) ? err.$metadata : {};
  const status = typeof meta.httpStatusCode === 'number' ? meta.httpStatusCode : undefined;
  // The SDK puts the XML <Code> in `Code` for modelled and unmodelled errors
  // alike; `name` is the fallback for body-less (HEAD/304) responses.
  const code = str(err.Code) ?? str(err.name);
  const message = str(err.message) ?? '';
  const headers: Record<string, string> = {};
  const response = isRecord(err.$response) ? err.$response : undefined;
  if (response && isRecord(response.headers)) {
    for (const [k, v] of Object.entries(response.headers)) {
      if (typeof v === 'string') headers[k.toLowerCase()] = v;
    }
  }
  return { code, status, message, headers };
}

export class ConformanceFailure extends Error {
  override name = 'ConformanceFailure';
}

export function describe(info: Pick<ErrorInfo, 'code' | 'status' | 'message'>): string {
  const msg = info.message ? ` (${info.message.split('\n')[0].slice(0, 120)})` : '';
  return `${info.code ?? '?'} ${info.status ?? '?'}${msg}`;
}

export function matchError(info: ErrorInfo, expected: ExpectedError): void {
  const codeOk = expected.code === undefined || info.code === expected.code;
  const statusOk = expected.status === undefined || info.status === expected.status;
  if (!codeOk || !statusOk) {
    const want = `${expected.code ?? '*'} ${expected.status ?? '*'}`;
    throw new ConformanceFailure(`expected ${want}, got ${describe(info)}`);
  }
}

export async function expectError(promise: Promise<unknown>, expected: ExpectedError): Promise<ErrorInfo> {
  let settled: unknown;
  try {
    settled = await promise;
  } catch (err: unknown) {
    const info = errorInfo(err);
    matchError(info, expected);
    return info;
  }
  // Some servers answer 200 where AWS refuses; report the status we did get.
  const meta = isRecord(settled) && isRecord(settled.$metadata) ? settled.$metadata : {};
  const got = typeof meta.httpStatusCode === 'number' ? meta.httpStatusCode : 'success';
  throw new ConformanceFailure(`expected ${expected.code ?? '*'} ${expected.status ?? '*'}, got ${got}`);
}

/** Reads the <Code> of an S3 XML error body (fetch-based scenarios). */
export function xmlErrorCode(body: string): string | undefined {
  const m = /<Code>([^<]*)<\/Code>/.exec(body);
  return m ? m[1] : undefined;
}

/** Asserts a raw fetch Response is the expected S3 error. */
export async function expectHttpError(res: Response, expected: ExpectedError): Promise<string> {
  const body = await res.text();
  const info: ErrorInfo = {
    code: xmlErrorCode(body),
    status: res.status,
    message: body.replace(/\s+/g, ' ').slice(0, 160),
    headers: {},
  };
  matchError(info, expected);
  return body;
}
