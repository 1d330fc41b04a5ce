import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChecksumAlgorithm } from '../../storage/types';
import type { HashReply, HashRequest } from './hash-worker-protocol';
import type { IntegrityDigests, IntegrityHasher } from './integrity-hasher';

/** At most this many bytes wait for the hashing thread per upload; then the body waits. */
const HIGH_WATER = 8 * 1024 * 1024;

interface Job {
  pending: number;
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
  private nextId = 1;

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
    const job: Job = { pending: 0 };
    this.jobs.set(id, job);
    this.post({ type: 'start', id, algorithm });
    this.track();
    return {
      update: (chunk) => {
        if (job.failed) return Promise.reject(job.failed);
        const copy = new Uint8Array(chunk.length);
        copy.set(chunk);
        job.pending += chunk.length;
        this.post({ type: 'data', id, chunk: copy.buffer }, [copy.buffer]);
        if (job.pending <= HIGH_WATER) return undefined;
        return new Promise<void>((resolve) => { job.waiter = resolve; });
      },
      digest: () => new Promise<IntegrityDigests>((resolve, reject) => {
        if (job.failed) return reject(job.failed);
        job.settle = { resolve, reject };
        this.post({ type: 'end', id });
      }),
      abort: () => {
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
