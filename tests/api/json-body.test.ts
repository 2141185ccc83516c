import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import express from 'express';
import { createErrorHandler } from '../../server/src/api/error-handler';
import { jsonBody } from '../../server/src/api/json-body';
import { series } from '../../server/src/api/middleware-series';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

let server: Server;
let port: number;
const seen: unknown[] = [];

beforeAll(async () => {
  const app = express();
  const marks: string[] = [];
  app.use(series(
    (_req, _res, next) => { marks.push('first'); next(); },
    jsonBody({ limitBytes: 1024 }),
    async (req, _res, next) => { await Promise.resolve(); if (req.get('x-fail') === 'async') throw new Error('async failure'); next(); },
    (req, _res, next) => { if (req.get('x-fail') === 'sync') throw Object.assign(new Error('refused'), { status: 418 }); next(); },
  ));
  app.all('/echo', (req, res) => {
    seen.push(req.body);
    res.json({ body: req.body === undefined ? '<undefined>' : req.body, marks: marks.length });
  });
  app.use(createErrorHandler(silent as never));
  server = createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => { server.close(); await once(server, 'close'); });

function send(method: string, headers: Record<string, string>, body?: Buffer | string): Promise<{ status: number; body: any; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/echo', method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = (text: string, type = 'application/json') => ({ 'content-type': type, 'content-length': String(Buffer.byteLength(text)) });

describe('the JSON body of an API request', () => {
  it('When plain JSON comes with its length, then it is parsed, with or without charset=utf-8, Chinese included', async () => {
    expect((await send('POST', json('{"a":1,"名":"曾庆华"}'), '{"a":1,"名":"曾庆华"}')).body.body).toEqual({ a: 1, 名: '曾庆华' });
    expect((await send('POST', json('[1,2]', 'application/json; charset=UTF-8'), '[1,2]')).body.body).toEqual([1, 2]);
    expect((await send('POST', json('  {"b":true} ', 'Application/JSON;charset="utf-8"'), '  {"b":true} ')).body.body).toEqual({ b: true });
  });

  it('When the body is empty, then it is {}; when there is no body at all, then it stays undefined', async () => {
    expect((await send('POST', json(''), '')).body.body).toEqual({});
    expect((await send('GET', {})).body.body).toBe('<undefined>');
  });

  it('When the body is not JSON, or JSON that is not an object or array, then the answer is 400 malformed_json', async () => {
    for (const text of ['{"a":', '"text"', '42', 'null']) {
      const answer = await send('POST', json(text), text);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('malformed_json');
    }
  });

  it('When the body is over the limit, then the answer is 413 and the connection still carries the next request', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(2000) });
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    let received = '';
    const bothAnswered = new Promise<void>((resolve) => {
      socket.on('data', (d: Buffer) => {
        received += d.toString('utf8');
        if (/"n":2/.test(received)) resolve();
      });
    });
    socket.write(`POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\n\r\n${big}`);
    socket.write('POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{"n":2}');
    await bothAnswered;
    socket.destroy();
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toContain('"too_large"');
    expect(received).toMatch(/HTTP\/1\.1 200 OK[\s\S]*"body":\{"n":2\}/);
  });

  it('When the body is chunked, gzipped or of a +json type, then it is parsed all the same', async () => {
    const chunked = await new Promise<any>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/echo', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => { text += d.toString('utf8'); });
        res.on('end', () => resolve(JSON.parse(text)));
      });
      req.on('error', reject);
      req.write('{"part":');
      req.end('"two"}');
    });
    expect(chunked.body).toEqual({ part: 'two' });
    const zipped = gzipSync(Buffer.from('{"z":"压缩"}'));
    expect((await send('POST', { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(zipped.length) }, zipped)).body.body).toEqual({ z: '压缩' });
    expect((await send('POST', json('{"v":1}', 'application/merge-patch+json'), '{"v":1}')).body.body).toEqual({ v: 1 });
  });

  it('When the charset is not UTF-8 or the encoding unknown, then the answer is 415', async () => {
    const latin = await send('POST', json('{"a":1}', 'application/json; charset=latin1'), '{"a":1}');
    expect(latin.status).toBe(415);
    expect(latin.body.error.code).toBe('unsupported_encoding');
    const odd = await send('POST', { ...json('{"a":1}'), 'content-encoding': 'compress' }, '{"a":1}');
    expect(odd.status).toBe(415);
  });

  it('When a client goes away in the middle of its body, then nothing is parsed and the server goes on', async () => {
    const before = seen.length;
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    await new Promise<void>((resolve) => socket.write('POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"half":', () => resolve()));
    socket.destroy();
    await once(socket, 'close');
    expect((await send('POST', json('{"after":1}'), '{"after":1}')).body.body).toEqual({ after: 1 });
    expect(seen.slice(before)).toEqual([{ after: 1 }]);
  });
});

describe('middlewares in series', () => {
  it('When each passes, then they run in order once per request; a throw or a rejected promise is answered by the error handler', async () => {
    const ok = await send('POST', json('{"a":1}'), '{"a":1}');
    expect(ok.status).toBe(200);
    const sync = await send('POST', { ...json('{}'), 'x-fail': 'sync' }, '{}');
    expect(sync.status).toBe(500);
    expect(sync.body.error.code).toBeDefined();
    const rejected = await send('POST', { ...json('{}'), 'x-fail': 'async' }, '{}');
    expect(rejected.status).toBe(500);
    const after = await send('POST', json('{"a":2}'), '{"a":2}');
    expect(after.body.marks).toBe(ok.body.marks + 3);
  });
});
