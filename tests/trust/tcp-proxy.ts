import { once } from 'node:events';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';

/**
 * A TCP relay in front of a real PostgreSQL, so a test can take the database away from an
 * in-process app and give it back: `cut()` resets every open connection and stops listening
 * (new connections are refused, as with a server that is down); `restore()` listens again on the
 * same port.
 */
export interface TcpProxy {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = async () => {
    if (server) return;
    server = createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      sockets.add(client);
      sockets.add(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      const drop = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
      client.on('error', drop);
      upstream.on('error', drop);
      client.on('close', drop);
      upstream.on('close', drop);
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  };
  const stopListening = async () => {
    if (!server) return;
    const closing = new Promise<void>((done) => server!.close(() => done()));
    for (const socket of sockets) socket.resetAndDestroy();
    sockets.clear();
    await closing;
    server = undefined;
  };
  await listen();
  return {
    get port() { return port; },
    cut: stopListening,
    restore: listen,
    close: stopListening,
  };
}
