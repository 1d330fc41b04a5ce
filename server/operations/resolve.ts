import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from '../errors/s3-error';
import type { HttpMethod, OperationSpec, Target } from './types';
import { BUCKET_SUBRESOURCES, OBJECT_SUBRESOURCES } from './unimplemented';

export interface ResolveInput {
  readonly method: string;
  readonly host: string;
  readonly rawPath: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

export interface ResolvedOperation {
  readonly spec: OperationSpec;
  readonly bucket: string;
  readonly key: string;
}

/** Virtual-hosted-style: `bucket.localhost[:port]` (and `bucket.<domain>` for configured domains). */
let lastHost: string | undefined;
let lastDomains: readonly string[] | undefined;
let lastBucket: string | undefined;

export function bucketFromHost(host: string, domains: readonly string[]): string | undefined {
  // Asked twice per request (authentication and resolution), usually for the same Host.
  if (host === lastHost && domains === lastDomains) return lastBucket;
  const bucket = hostBucket(host, domains);
  lastHost = host;
  lastDomains = domains;
  lastBucket = bucket;
  return bucket;
}

function hostBucket(host: string, domains: readonly string[]): string | undefined {
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  for (const domain of domains) {
    const suffix = `.${domain}`;
    if (hostname.endsWith(suffix) && hostname.length > suffix.length) return hostname.slice(0, -suffix.length);
  }
  return undefined;
}

function decodePathPart(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new S3Error('InvalidURI', "Couldn't parse the specified URI.");
  }
}

/** Splits a request into bucket and key the way S3 does for both addressing styles. */
export function splitPath(rawPath: string, host: string, domains: readonly string[]): { bucket: string; key: string } {
  const vhostBucket = bucketFromHost(host, domains);
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;
  if (vhostBucket !== undefined) return { bucket: vhostBucket, key: decodePathPart(path) };
  const slash = path.indexOf('/');
  if (slash < 0) return { bucket: decodePathPart(path), key: '' };
  return { bucket: decodePathPart(path.slice(0, slash)), key: decodePathPart(path.slice(slash + 1)) };
}

const BUCKET_SUBRESOURCE_NAMES = Object.keys(BUCKET_SUBRESOURCES);
const OBJECT_SUBRESOURCE_NAMES = Object.keys(OBJECT_SUBRESOURCES);

function specificity(spec: OperationSpec): number {
  return (spec.subresource ? 2 : 0) + (spec.when ? 1 : 0);
}

/** The route table, indexed by method and target, most specific spec first. */
export class OperationTable {
  private readonly byRoute = new Map<string, OperationSpec[]>();

  constructor(specs: readonly OperationSpec[]) {
    for (const spec of specs) {
      const route = `${spec.method} ${spec.target}`;
      const list = this.byRoute.get(route) ?? [];
      list.push(spec);
      this.byRoute.set(route, list);
    }
    for (const list of this.byRoute.values()) list.sort((a, b) => specificity(b) - specificity(a));
  }

  /** A pure function of the request: no I/O, no state. */
  resolve(input: ResolveInput, domains: readonly string[]): ResolvedOperation {
    const { bucket, key } = splitPath(input.rawPath, input.host, domains);
    const target: Target = bucket === '' ? 'service' : key === '' ? 'bucket' : 'object';
    const method = (input.method === 'HEAD' ? 'HEAD' : input.method) as HttpMethod;
    const candidates = this.byRoute.get(`${method} ${target}`) ?? [];
    // Most requests have no query at all: no subresource can then match or be unimplemented.
    const noQuery = input.query.size === 0;
    for (const spec of candidates) {
      if (spec.subresource !== undefined && (noQuery || !input.query.has(spec.subresource))) continue;
      if (spec.when && !spec.when(input.query, input.headers)) continue;
      if (spec.subresource === undefined && !noQuery && this.namesUnimplemented(target, method, input.query)) break;
      return { spec, bucket, key };
    }
    const unimplemented = this.unimplementedName(target, method, input.query);
    if (unimplemented) {
      throw new S3Error('NotImplemented', `The ${unimplemented} operation is not implemented by this emulator.`);
    }
    throw new S3Error('MethodNotAllowed', undefined, [['Method', input.method], ['ResourceType', target === 'object' ? 'OBJECT' : target === 'bucket' ? 'BUCKET' : 'SERVICE']], { Allow: this.allowed(target).join(', ') });
  }

  private namesUnimplemented(target: Target, method: HttpMethod, query: URLSearchParams): boolean {
    return this.unimplementedName(target, method, query) !== undefined;
  }

  private unimplementedName(target: Target, method: HttpMethod, query: URLSearchParams): string | undefined {
    const table = target === 'bucket' ? BUCKET_SUBRESOURCES : target === 'object' ? OBJECT_SUBRESOURCES : {};
    const names = target === 'bucket' ? BUCKET_SUBRESOURCE_NAMES : target === 'object' ? OBJECT_SUBRESOURCE_NAMES : [];
    const verb = method === 'HEAD' ? 'GET' : method;
    for (const name of names) {
      if (query.has(name)) {
        const op = table[name]?.[verb];
        if (op) return op;
      }
    }
    return undefined;
  }

  private allowed(target: Target): string[] {
    const methods = new Set<string>();
    for (const [route] of this.byRoute) {
      const [m, t] = route.split(' ');
      if (t === target && m) methods.add(m);
    }
    return [...methods].sort();
  }
}
