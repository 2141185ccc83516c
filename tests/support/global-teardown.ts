/** Stops the embedded PostgreSQL the global setup started. */
export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as any).__JZ_EMBEDDED__;
  if (server) await server.stop();
}
