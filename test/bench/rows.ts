// The matrix rows: what each one sets up (untimed), warms up, and then times.
import { randomBytes } from 'node:crypto';
import { SSE_KMS_HEADERS, sha256Hex, type Outcome, type S3Client } from './client';
import type { LoadSpec } from './load';
import type { RowId } from './types';

const KIB4 = 4 * 1024;
const MIB64 = 64 * 1024 * 1024;
const GET_4K_KEYS = 100;
const LIST_KEYS = 1000;

/** A body and its sha256, computed once so hashing never lands in a timed loop. */
interface Payload {
  body: Buffer;
  sha256: string;
}

function makePayload(size: number): Payload {
  const body = randomBytes(size);
  return { body, sha256: sha256Hex(body) };
}

let small: Payload | undefined;
let big: Payload | undefined;
const smallPayload = (): Payload => (small ??= makePayload(KIB4));
// One 64 MiB buffer for the whole run, created only if a 64 MiB row is selected.
const bigPayload = (): Payload => (big ??= makePayload(MIB64));
const tinyPayload = makePayload(16);

export interface RowPlan {
  /** Untimed preparation on a fresh server (objects a GET/LIST needs). */
  setup(client: S3Client): Promise<void>;
  /** Untimed requests of the timed kind, so JIT and connection setup are excluded. */
  warmupOps: number;
  load: Omit<LoadSpec, 'op'> & { op: (client: S3Client, i: number) => Promise<Outcome> };
}

function mustOk(out: Outcome, what: string): void {
  if (out.status < 200 || out.status > 299) throw new Error(`${what}: HTTP ${out.status}`);
}

/** A -kms row whose server ignored the header would time SSE-S3 under an SSE-KMS label. */
function mustBeKms(out: Outcome, what: string): void {
  mustOk(out, what);
  if (out.sse !== 'aws:kms') throw new Error(`${what}: x-amz-server-side-encryption ${out.sse ?? '(absent)'}, expected aws:kms`);
}

/** Runs `count` setup requests with bounded concurrency. */
async function fill(count: number, concurrency: number, op: (i: number) => Promise<Outcome>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      mustOk(await op(i), `setup request ${i}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export function planRow(row: RowId, quick: boolean): RowPlan {
  const n4k = quick ? 300 : 2000;
  const s4k = quick ? 1.5 : 5;
  const warm4k = quick ? 30 : 100;
  const nBig = quick ? 2 : 5;
  const sBig = quick ? 30 : 120;
  const noSetup = async (): Promise<void> => {};

  switch (row) {
    case 'put-4k-c1':
    case 'put-4k-c16':
    case 'put-4k-c1-kms': {
      const p = smallPayload();
      // SSE-KMS under the AWS managed key: a GenerateDataKey per object, as on S3
      // without a bucket key. The row's first request creates alias/aws/s3; the
      // warm-up absorbs that, so the timed loop sees steady-state KMS cost.
      const kms = row === 'put-4k-c1-kms' ? SSE_KMS_HEADERS : undefined;
      return {
        setup: noSetup,
        warmupOps: warm4k,
        load: {
          concurrency: row === 'put-4k-c16' ? 16 : 1,
          maxOps: n4k,
          maxSeconds: s4k,
          expectSse: kms ? 'aws:kms' : undefined,
          // Distinct keys: each PUT creates an object, as a real upload burst would.
          op: (c, i) => c.put(`put4k/${i}`, p.body, p.sha256, kms),
        },
      };
    }
    case 'get-4k-c1':
    case 'get-4k-c16': {
      const p = smallPayload();
      return {
        setup: (c) => fill(GET_4K_KEYS, 16, (i) => c.put(`get4k/${i}`, p.body, p.sha256)),
        warmupOps: warm4k,
        load: {
          concurrency: row === 'get-4k-c1' ? 1 : 16,
          maxOps: n4k,
          maxSeconds: s4k,
          expectBytes: KIB4,
          op: (c, i) => c.get(`get4k/${i % GET_4K_KEYS}`),
        },
      };
    }
    case 'put-64m':
    case 'put-64m-kms': {
      const p = bigPayload();
      const kms = row === 'put-64m-kms' ? SSE_KMS_HEADERS : undefined;
      return {
        setup: noSetup,
        // One untimed transfer: JIT, TCP window growth and first-touch page faults.
        warmupOps: 1,
        // Same key each time so the run does not leave 5 x 64 MiB on disk.
        load: {
          concurrency: 1,
          maxOps: nBig,
          maxSeconds: sBig,
          expectSse: kms ? 'aws:kms' : undefined,
          op: (c) => c.put('big/put', p.body, p.sha256, kms),
        },
      };
    }
    case 'get-64m':
    case 'get-64m-kms': {
      const p = bigPayload();
      const kms = row === 'get-64m-kms';
      return {
        setup: async (c) => {
          const out = await c.put('big/get', p.body, p.sha256, kms ? SSE_KMS_HEADERS : undefined);
          if (kms) mustBeKms(out, 'setup PUT 64 MiB SSE-KMS');
          else mustOk(out, 'setup PUT 64 MiB');
        },
        warmupOps: 1,
        load: {
          concurrency: 1,
          maxOps: nBig,
          maxSeconds: sBig,
          expectBytes: MIB64,
          // GET sends no SSE header; the object's stored mode must come back as aws:kms.
          expectSse: kms ? 'aws:kms' : undefined,
          op: (c) => c.get('big/get'),
        },
      };
    }
    case 'list-1000':
      return {
        setup: async (c) => {
          await fill(LIST_KEYS, 16, (i) => c.put(`list/${String(i).padStart(5, '0')}`, tinyPayload.body, tinyPayload.sha256));
          // Guard against measuring a truncated or empty listing.
          const out = await c.list(LIST_KEYS);
          mustOk(out, 'setup LIST');
          const keys = (out.text ?? '').split('<Key>').length - 1;
          if (keys !== LIST_KEYS) throw new Error(`LIST returned ${keys} keys, expected ${LIST_KEYS}`);
        },
        warmupOps: quick ? 3 : 10,
        load: { concurrency: 1, maxOps: quick ? 30 : 200, maxSeconds: quick ? 2 : 5, op: (c) => c.list(LIST_KEYS) },
      };
  }
}

