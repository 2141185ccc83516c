import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

/** An answer as the benches read it: status, headers (lowercase names) and the body, unpacked. */
export interface RawAnswer { status: number; headers: Map<string, string>; body: Buffer }

interface Pending { resolve: (answer: RawAnswer) => void; reject: (error: Error) => void }

const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * One kept-alive HTTP/1.1 connection that carries one request at a time: the request is written
 * in one piece, the answer read by its Content-Length or its chunks. It is the load generator of
 * the benches, as lean as wrk's: node's HTTP client (a ClientRequest and an IncomingMessage with
 * their streams for each request) cost the clients about 0.3 ms of CPU a request, which on a
 * 2-core machine is taken from the app and the database being measured.
 */
class Connection {
  private readonly socket: Socket;
  private buffered: Buffer = Buffer.alloc(0);
  private pending: Pending | undefined;
  closed = false;

  constructor(host: string, port: number, private readonly onClose: (c: Connection) => void) {
    this.socket = connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      this.tryAnswer();
    });
    const end = (error?: Error) => {
      if (this.closed) return;
      this.closed = true;
      this.onClose(this);
      const pending = this.pending;
      this.pending = undefined;
      pending?.reject(error ?? new Error('the server closed the connection before answering'));
    };
    this.socket.on('error', end);
    this.socket.on('close', () => end());
  }

  destroy(): void {
    this.socket.destroy();
  }

  send(head: string, body: Buffer | undefined): Promise<RawAnswer> {
    if (this.pending) throw new Error('a connection carries one request at a time');
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      const headBytes = Buffer.from(head, 'utf8');
      this.socket.write(body ? Buffer.concat([headBytes, body]) : headBytes);
    });
  }

  /** Answers the pending request once its whole answer is in the buffer. */
  private tryAnswer(): void {
    if (!this.pending) return;
    const headEnd = this.buffered.indexOf(HEAD_END);
    if (headEnd < 0) return;
    const lines = this.buffered.subarray(0, headEnd).toString('latin1').split('\r\n');
    const status = Number(lines[0].split(' ')[1]);
    const headers = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    let offset = headEnd + HEAD_END.length;
    let body: Buffer;
    if (headers.get('transfer-encoding')?.toLowerCase() === 'chunked') {
      const parts: Buffer[] = [];
      for (;;) {
        const lineEnd = this.buffered.indexOf('\r\n', offset);
        if (lineEnd < 0) return;
        const size = parseInt(this.buffered.subarray(offset, lineEnd).toString('latin1'), 16);
        if (this.buffered.length < lineEnd + 2 + size + 2) return;
        if (size === 0) { offset = lineEnd + 4; break; }
        parts.push(this.buffered.subarray(lineEnd + 2, lineEnd + 2 + size));
        offset = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      const length = Number(headers.get('content-length') ?? 0);
      if (this.buffered.length < offset + length) return;
      body = this.buffered.subarray(offset, offset + length);
      offset += length;
    }
    this.buffered = this.buffered.subarray(offset);
    const encoding = headers.get('content-encoding');
    if (encoding === 'gzip') body = gunzipSync(body);
    else if (encoding === 'br') body = brotliDecompressSync(body);
    const pending = this.pending;
    this.pending = undefined;
    if (headers.get('connection')?.toLowerCase() === 'close') this.socket.destroy();
    pending.resolve({ status, headers, body });
  }
}

/** Kept-alive connections to one server, each carrying one request at a time (a browser's, without pipelining). */
export class KeepAliveClient {
  private readonly idle: Connection[] = [];
  private readonly host: string;
  private readonly port: number;

  constructor(base: string) {
    const url = new URL(base);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
  }

  /** Sends one request; the body, when given, is JSON. Answers whatever status the server gave. */
  async request(method: string, path: string, headers: Record<string, string>, json?: unknown): Promise<RawAnswer> {
    const body = json === undefined ? undefined : Buffer.from(JSON.stringify(json), 'utf8');
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    if (body) head += `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n`;
    head += '\r\n';
    const connection = this.idle.pop() ?? new Connection(this.host, this.port, (c) => {
      const at = this.idle.indexOf(c);
      if (at >= 0) this.idle.splice(at, 1);
    });
    try {
      return await connection.send(head, body);
    } finally {
      if (!connection.closed) this.idle.push(connection);
    }
  }

  /** Closes the idle connections (a request still running keeps its own until it is answered). */
  close(): void {
    for (const connection of this.idle.splice(0)) connection.destroy();
  }
}
