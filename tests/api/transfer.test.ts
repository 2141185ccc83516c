import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

/** A raw GET: the body as sent on the wire (not decompressed) and the headers. */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    }).on('error', reject).end();
  });
}

const SCRIPT = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ i, name: `第${i}行` })))};\n`;

describe('transfer to weak connections', () => {
  let harness: ApiHarness;
  let clientDir: string;

  beforeAll(async () => {
    clientDir = mkdtempSync(join(tmpdir(), 'jz-transfer-'));
    mkdirSync(join(clientDir, 'assets'));
    writeFileSync(join(clientDir, 'index.html'), `<!doctype html><html lang="zh-CN"><head><title>精准</title></head><body>${'<div id="root"></div>'.repeat(80)}</body></html>`);
    writeFileSync(join(clientDir, 'assets', 'index-Bf5dw_ME.js'), SCRIPT);
    writeFileSync(join(clientDir, 'sw.js'), `self.addEventListener('fetch', () => undefined);\n${'// service worker\n'.repeat(100)}`);
    harness = await startApiHarness({ clientDir });
  });
  afterAll(async () => {
    await harness.close();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it('When a browser accepts brotli, then a hashed script comes brotli-compressed and cached immutable for a year', async () => {
    const answer = await rawGet(harness.base, '/assets/index-Bf5dw_ME.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(answer.body).toString('utf8')).toBe(SCRIPT);
    expect(answer.body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 3);
  });

  it('When a browser accepts only gzip, then the page and JSON answers come gzip-compressed, the page revalidated on every visit', async () => {
    const page = await rawGet(harness.base, '/inbox', { 'accept-encoding': 'gzip' });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(gunzipSync(page.body).toString('utf8')).toContain('<div id="root">');

    const api = await rawGet(harness.base, '/api/openapi.json', { 'accept-encoding': 'gzip' });
    expect(api.headers['content-encoding']).toBe('gzip');
    expect(api.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(gunzipSync(api.body).toString('utf8'))).toMatchObject({ openapi: '3.1.0' });
  });

  it('When a browser accepts brotli, then a JSON answer comes brotli-compressed at the fast level, smaller than a fifth of its text', async () => {
    const api = await rawGet(harness.base, '/api/openapi.json', { 'accept-encoding': 'gzip, deflate, br' });
    expect(api.headers['content-encoding']).toBe('br');
    const text = brotliDecompressSync(api.body).toString('utf8');
    expect(JSON.parse(text)).toMatchObject({ openapi: '3.1.0' });
    expect(api.body.length).toBeLessThan(Buffer.byteLength(text) / 5);
  });

  it('When the service worker or index.html is asked for by name, then it is never cached without revalidation', async () => {
    for (const path of ['/sw.js', '/index.html']) {
      const answer = await rawGet(harness.base, path);
      expect([path, answer.status, answer.headers['cache-control']]).toEqual([path, 200, 'no-cache']);
    }
  });

  it('When a browser accepts no encoding, then it gets the plain bytes', async () => {
    const answer = await rawGet(harness.base, '/assets/index-Bf5dw_ME.js', { 'accept-encoding': 'identity' });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.body.toString('utf8')).toBe(SCRIPT);
  });
});
