import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RawRequest } from '../../../server/auth/types';

export const SUITE_DIR = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'aws-signing-test-suite', 'v4');

export interface SuiteContext {
  readonly credentials: { readonly access_key_id: string; readonly secret_access_key: string; readonly token?: string };
  readonly normalize: boolean;
  readonly region: string;
  readonly service: string;
  readonly timestamp: string;
  readonly omit_session_token?: boolean;
}

export function suiteCases(): string[] {
  return readdirSync(SUITE_DIR).sort();
}

export function readCase(name: string, file: string): string {
  return readFileSync(join(SUITE_DIR, name, file), 'utf8');
}

function isContext(v: unknown): v is SuiteContext {
  return typeof v === 'object' && v !== null && 'credentials' in v && 'timestamp' in v;
}

export function readContext(name: string): SuiteContext {
  const parsed: unknown = JSON.parse(readCase(name, 'context.json'));
  if (!isContext(parsed)) throw new Error('bad context ' + name);
  return parsed;
}

export interface ParsedHttp {
  readonly req: RawRequest;
  readonly body: string;
}

/** Parses the suite's HTTP text: request line, headers (obs-fold continuations kept), body. */
export function parseHttp(text: string): ParsedHttp {
  const sep = text.indexOf('\n\n');
  const head = sep < 0 ? text : text.slice(0, sep);
  const body = sep < 0 ? '' : text.slice(sep + 2);
  const lines = head.split('\n');
  const requestLine = lines[0];
  const method = requestLine.slice(0, requestLine.indexOf(' '));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(' HTTP/'));
  const q = target.indexOf('?');
  const headers: Record<string, string[]> = {};
  let last: string[] | undefined;
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) {
      last[last.length - 1] += '\n' + line;
      continue;
    }
    const c = line.indexOf(':');
    const name = line.slice(0, c).toLowerCase();
    headers[name] = headers[name] ?? [];
    headers[name].push(line.slice(c + 1));
    last = headers[name];
  }
  return {
    req: { method, rawPath: q < 0 ? target : target.slice(0, q), rawQuery: q < 0 ? '' : target.slice(q + 1), headers },
    body,
  };
}
