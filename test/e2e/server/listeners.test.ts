import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { Agent } from 'undici';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent as HttpsAgent } from 'node:https';
import aws4 from 'aws4';
import type { Emulator } from '../../../server/index';
import { useEmulator } from '../support/e2e';

describe('listeners: HTTP, HTTPS, health and clock', () => {
  let emu: Emulator;
  useEmulator((c) => { emu = c.h.emu; }, { tlsPort: 0 });

  it('health_is_open_and_names_both_listeners_and_the_CA_file', async () => {
    const res = await fetch(`${emu.endpoint}/_emulator/health`);
    expect(res.status).to.equal(200);
    const body = await res.json() as { status: string; listeners: { http: number; https: number }; tls: { caFile: string } };
    expect(body.status).to.equal('ok');
    expect(body.listeners.http).to.equal(Number(new URL(emu.endpoint).port));
    expect(body.listeners.https).to.equal(Number(new URL(emu.httpsEndpoint ?? '').port));
    expect(readFileSync(body.tls.caFile, 'utf8')).to.contain('BEGIN CERTIFICATE');
  });

  it('HTTPS_with_the_generated_CA_verifies_localhost_and_rejects_TLS_1_1', async () => {
    const ca = readFileSync(emu.caFile ?? '', 'utf8');
    const s3 = new S3Client({
      endpoint: emu.httpsEndpoint, region: 'us-east-1', forcePathStyle: true, credentials: emu.credentials, maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ httpsAgent: new HttpsAgent({ ca }) }),
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'tls-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'tls-bucket', Key: 'k', Body: 'over tls' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'tls-bucket', Key: 'k' }));
    expect(await got.Body?.transformToString()).to.equal('over tls');
    const port = Number(new URL(emu.httpsEndpoint ?? '').port);
    const err = await new Promise<Error | undefined>((resolve) => {
      const req = httpsRequest({ host: '127.0.0.1', port, path: '/_emulator/health', ca, servername: 'localhost', maxVersion: 'TLSv1.1', minVersion: 'TLSv1' }, () => resolve(undefined));
      req.on('error', (e) => resolve(e));
      req.end();
    });
    expect(err, 'a TLS 1.1 handshake must fail').to.be.instanceOf(Error);
  });

  it('HTTPS_with_an_untrusted_CA_is_refused_by_the_client', async () => {
    const dispatcher = new Agent({ connect: { rejectUnauthorized: true } });
    let failed = false;
    try {
      await fetch(`${emu.httpsEndpoint}/_emulator/health`, { dispatcher } as unknown as RequestInit);
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
  });

  it('clock_needs_root_credentials_and_moves_the_emulated_time', async () => {
    const anon = await fetch(`${emu.endpoint}/_emulator/clock`);
    expect(anon.status).to.equal(403);
    expect(await anon.text()).to.contain('<Code>AccessDenied</Code>');
    const url = new URL(emu.endpoint);
    const body = JSON.stringify({ advanceSeconds: 3600 });
    const signed = aws4.sign({ host: url.host, path: '/_emulator/clock', method: 'POST', service: 's3', region: 'us-east-1', body, headers: { 'content-type': 'application/json' } }, emu.credentials);
    const headers = Object.fromEntries(Object.entries(signed.headers ?? {}).filter(([k]) => k.toLowerCase() !== 'content-length').map(([k, v]) => [k, String(v)]));
    const res = await fetch(`${emu.endpoint}/_emulator/clock`, { method: 'POST', headers, body });
    expect(res.status).to.equal(200);
    const json = await res.json() as { now: string; offsetSeconds: number };
    expect(json.offsetSeconds).to.equal(3600);
    expect(Date.parse(json.now) - Date.now()).to.be.within(3590_000, 3610_000);
    emu.clock.setOffsetSeconds(0);
  });
});

describe('CLI: s3emu starts with embedded defaults and stops cleanly on SIGTERM', () => {
  it('prints the endpoint, the CA path and the default key, answers health, exits 0 on SIGTERM', async function () {
    this.timeout(30_000);
    const main = join(__dirname, '../../../server/main.js');
    const child = spawn(process.execPath, [main, '--ephemeral', '--port', '0', '--tls-port', String(20000 + Math.floor(Math.random() * 40000))], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const endpoint = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /S3\/KMS endpoint:\s+(http:\/\/\S+)/.exec(out);
        if (m && /CA certificate: /.test(out) && /data dir: /.test(out)) resolve(m[1] ?? '');
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect(out).to.contain('AKIAIOSFODNN7EXAMPLE');
    const res = await fetch(`${endpoint}/_emulator/health`);
    expect(res.status).to.equal(200);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).to.equal(0);
  });
});
