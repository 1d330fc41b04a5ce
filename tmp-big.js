const { startEmulator } = require('/work/main/dist/server/index.js');
const aws4 = require('/work/main/node_modules/aws4');
const http = require('http');
const fs = require('fs');
const rss = () => { const s = fs.readFileSync('/proc/self/status', 'utf8'); return s.match(/VmHWM:\s+(\d+)/)[1] / 1024; };
function req(emu, method, path, body, headers = {}) {
  const u = new URL(emu.endpoint);
  const opts = aws4.sign({ host: u.host, path, method, service: 's3', region: 'us-east-1', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...headers } }, emu.credentials);
  return new Promise((res, rej) => {
    const r = http.request({ hostname: u.hostname, port: u.port, path, method, headers: opts.headers }, (resp) => { let n = 0; resp.on('data', (d) => n += d.length); resp.on('end', () => res({ status: resp.statusCode, n })); });
    r.on('error', rej);
    if (body) body(r); else r.end();
  });
}
(async () => {
  const emu = await startEmulator({ port: 0, tlsPort: false, ephemeral: true, quiet: true });
  console.log('start rss', rss());
  await req(emu, 'PUT', '/big-bucket');
  const size = 1024 * 1024 * 1024; const chunk = Buffer.alloc(1024 * 1024, 1);
  let t = Date.now();
  const put = await req(emu, 'PUT', '/big-bucket/big', (r) => {
    let sent = 0;
    const write = () => { while (sent < size) { sent += chunk.length; if (!r.write(chunk)) { r.once('drain', write); return; } } r.end(); };
    write();
  }, { 'content-length': String(size) });
  console.log('put', put.status, Date.now() - t, 'ms rss', rss());
  t = Date.now();
  const get = await req(emu, 'GET', '/big-bucket/big');
  console.log('get', get.status, get.n, Date.now() - t, 'ms rss', rss());
  await emu.stop();
})().catch((e) => { console.error(e); process.exit(1); });
