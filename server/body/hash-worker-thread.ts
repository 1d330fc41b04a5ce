import { createHash, type Hash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { ChecksumAlgorithm } from '../../storage/types';
import { createChecksumHasher, type ChecksumHasher } from './checksums';
import type { HashReply, HashRequest } from './hash-worker-protocol';

/**
 * The hashing thread: MD5 and the x-amz-checksum of large uploads, so the event loop keeps
 * only SHA-256 (when the payload is signed) and encryption. One job per upload.
 */
const jobs = new Map<number, { md5: Hash; checksum: ChecksumHasher }>();
const port = parentPort;

function reply(m: HashReply): void {
  port?.postMessage(m);
}

port?.on('message', (m: HashRequest) => {
  try {
    if (m.type === 'start') {
      jobs.set(m.id, { md5: createHash('md5'), checksum: createChecksumHasher(m.algorithm as ChecksumAlgorithm) });
    } else if (m.type === 'data') {
      const job = jobs.get(m.id);
      if (job) {
        const bytes = new Uint8Array(m.chunk, 0, m.length);
        job.md5.update(bytes);
        job.checksum.update(bytes);
      }
      // Always hand the slot back: the pool on the other side stays whole even for aborted jobs.
      port?.postMessage({ type: 'ack', id: m.id, bytes: m.length, slot: m.chunk } satisfies HashReply, [m.chunk]);
    } else if (m.type === 'end') {
      const job = jobs.get(m.id);
      jobs.delete(m.id);
      if (job) reply({ type: 'done', id: m.id, md5: job.md5.digest().toString('hex'), checksumBase64: job.checksum.digestBase64() });
    } else {
      jobs.delete(m.id);
    }
  } catch (e) {
    jobs.delete(m.id);
    reply({ type: 'error', id: m.id, message: String(e) });
  }
});
