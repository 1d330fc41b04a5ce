import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChecksumAlgorithm } from '../../storage/types';
import type { HashReply, HashRequest } from './hash-worker-protocol';
import type { IntegrityDigests, IntegrityHasher } from './integrity-hasher';

/**
 * At most this many bytes wait for the hashing thread per upload; then the body waits. Slots
 * are 1 MiB (socket chunks are copied into the current one) so a message, and the thread
 * wake-up it costs on a two-core machine, carries a whole MiB rather than 64 KiB.
 */
const HIGH_WATER = 8 * 1024 * 1024;
/**
 * Chunks travel in fixed slots that come back with each ack and are reused, so a large
 * upload allocates nothing per chunk on either thread (fresh buffers per chunk let the
 * worker's garbage pile up as external memory between collections).
 */
const SLOT_SIZE = 1024 * 1024;
/** Enough for one upload's full window (plus the slot being filled) to cycle without allocating. */
const MAX_FREE_SLOTS = HIGH_WATER / SLOT_SIZE + 2;

interface Job {
  pending: number;
  /** The slot being filled: small socket chunks are gathered so each message carries a full slot. */
  cur?: ArrayBuffer;
  curLen: number;
  failed?: Error;
  waiter?: () => void;
  settle?: { resolve: (d: IntegrityDigests) => void; reject: (e: Error) => void };
}

/**
 * One hashing thread shared by every large upload (the machine this targets has two cores:
 * the event loop and this). Chunks are copied once into a transferable buffer; acks bound
 * how far the thread may fall behind, so memory stays flat whatever the object size.
 */
class HashWorkerPool {
  private worker: Worker | undefined;
  private readonly jobs = new Map<number, Job>();
  private readonly freeSlots: ArrayBuffer[] = [];
  private nextId = 1;

  private slot(): ArrayBuffer {
    return this.freeSlots.pop() ?? new ArrayBuffer(SLOT_SIZE);
  }

  private send(id: number, job: Job, chunk: Buffer): void {
    for (let offset = 0; offset < chunk.length;) {
      const slot = (job.cur ??= this.slot());
      const length = Math.min(SLOT_SIZE - job.curLen, chunk.length - offset);
      new Uint8Array(slot, job.curLen, length).set(chunk.subarray(offset, offset + length));
      job.curLen += length;
      offset += length;
      if (job.curLen === SLOT_SIZE) this.flush(id, job);
    }
  }

  /** Posts the partly filled slot, if any. */
  private flush(id: number, job: Job): void {
    const slot = job.cur;
    if (slot === undefined) return;
    const length = job.curLen;
    job.cur = undefined;
    job.curLen = 0;
    this.post({ type: 'data', id, chunk: slot, length }, [slot]);
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(join(__dirname, 'hash-worker-thread.js'));
    w.on('message', (m: HashReply) => this.onReply(m));
    w.on('error', (e) => this.failAll(e));
    w.on('exit', () => {
      this.worker = undefined;
      this.failAll(new Error('hash worker exited'));
    });
    // After the listeners (attaching one re-refs it): an idle hasher must never keep the
    // process alive; `track` refs it while a job is in flight.
    w.unref();
    this.worker = w;
    return w;
  }

  /** Keeps the process alive exactly while some upload waits for the thread. */
  private track(): void {
    if (this.jobs.size > 0) this.worker?.ref();
    else this.worker?.unref();
  }

  private post(m: HashRequest, transfer?: ArrayBuffer[]): void {
    this.ensure().postMessage(m, transfer);
  }

  private onReply(m: HashReply): void {
    if (m.type === 'ack' && this.freeSlots.length < MAX_FREE_SLOTS) this.freeSlots.push(m.slot);
    const job = this.jobs.get(m.id);
    if (!job) return;
    if (m.type === 'ack') {
      job.pending -= m.bytes;
      if (job.waiter && job.pending <= HIGH_WATER / 2) {
        const wake = job.waiter;
        job.waiter = undefined;
        wake();
      }
    } else if (m.type === 'done') {
      this.jobs.delete(m.id);
      this.track();
      job.settle?.resolve({ md5: Buffer.from(m.md5, 'hex'), checksumBase64: m.checksumBase64 });
    } else {
      this.jobs.delete(m.id);
      this.track();
      job.settle?.reject(new Error(m.message));
    }
  }

  private failAll(e: Error): void {
    for (const job of this.jobs.values()) {
      job.failed = e;
      job.waiter?.();
      job.settle?.reject(e);
    }
    this.jobs.clear();
  }

  hasher(algorithm: ChecksumAlgorithm): IntegrityHasher {
    const id = this.nextId++;
    const job: Job = { pending: 0, curLen: 0 };
    this.jobs.set(id, job);
    this.post({ type: 'start', id, algorithm });
    this.track();
    return {
      update: (chunk) => {
        if (job.failed) return Promise.reject(job.failed);
        job.pending += chunk.length;
        this.send(id, job, chunk);
        if (job.pending <= HIGH_WATER) return undefined;
        return new Promise<void>((resolve) => { job.waiter = resolve; });
      },
      digest: () => new Promise<IntegrityDigests>((resolve, reject) => {
        if (job.failed) return reject(job.failed);
        job.settle = { resolve, reject };
        this.flush(id, job);
        this.post({ type: 'end', id });
      }),
      abort: () => {
        if (job.cur !== undefined && this.freeSlots.length < MAX_FREE_SLOTS) this.freeSlots.push(job.cur);
        job.cur = undefined;
        job.curLen = 0;
        if (!this.jobs.delete(id)) return;
        this.post({ type: 'abort', id });
        this.track();
      },
    };
  }
}

const pool = new HashWorkerPool();

export function offloadedIntegrityHasher(algorithm: ChecksumAlgorithm): IntegrityHasher {
  return pool.hasher(algorithm);
}
