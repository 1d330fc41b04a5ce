// The framework's ceiling: bare Koa answering from memory, no auth, no disk.
// Anything the emulator does beyond this is the cost of its features.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { serveUntilStopped } from './child';

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Reads straight into one buffer of Content-Length, so a 64 MiB PUT holds one copy, not two. */
async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const length = Number(req.headers['content-length']);
  if (!Number.isSafeInteger(length)) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  const body = Buffer.allocUnsafe(length);
  let offset = 0;
  await new Promise<void>((resolve, reject) => {
    req.on('data', (chunk: Buffer) => {
      offset += chunk.copy(body, offset);
    });
    req.once('end', resolve);
    req.once('error', reject);
  });
  return offset === length ? body : body.subarray(0, offset);
}

serveUntilStopped(async () => {
  const objects = new Map<string, Buffer>();
  const app = new Koa();
  app.use(async (ctx) => {
    // Path-style: /bucket or /bucket/key...
    const slash = ctx.path.indexOf('/', 1);
    const key = slash < 0 ? '' : ctx.path.slice(slash + 1);
    if (ctx.method === 'PUT') {
      const body = await readBody(ctx.req);
      if (key) objects.set(key, body);
      ctx.status = 200;
      ctx.body = '';
    } else if (ctx.method === 'GET' && key) {
      const body = objects.get(key);
      if (!body) ctx.throw(404);
      ctx.body = body;
    } else if (ctx.method === 'GET') {
      const items = [...objects.keys()].map((k) => `<Contents><Key>${escapeXml(k)}</Key></Contents>`);
      ctx.type = 'application/xml';
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult>${items.join('')}</ListBucketResult>`;
    } else {
      ctx.status = 405;
    }
  });
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: 'CEILING',
    secretAccessKey: 'CEILING',
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
