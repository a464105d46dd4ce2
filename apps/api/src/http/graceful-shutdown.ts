import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** How long requests under way may take to finish after a stop signal before their connections are cut. */
export const DRAIN_TIMEOUT_MS = 25_000;

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * On SIGTERM (or SIGINT): first the HTTP server stops taking connections and requests
 * (idle keep-alive connections are closed, each request under way is answered and its
 * connection then closed), and only when the last one is answered (or DRAIN_TIMEOUT_MS
 * passed) does Nest close the modules (the outbox relay, queues, the database). Nest's own
 * shutdown hooks would close the modules first, with the server still listening.
 * The signal is raised again at the end, so the process ends as the signal says.
 */
export function drainOnSignals(app: NestExpressApplication): void {
  const logger = new Logger('Shutdown');
  const server: Server = app.getHttpServer();
  let draining = false;
  const underWay = new Set<ServerResponse>();
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    underWay.add(res);
    if (draining && !res.headersSent) res.setHeader('Connection', 'close');
    res.once('close', () => {
      underWay.delete(res);
      // its connection may be idle now: closed at once while draining
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
  });
  for (const signal of SIGNALS) {
    process.once(signal, () => {
      draining = true;
      logger.log(`${signal}: no new requests; waiting for ${underWay.size} under way`);
      // each answer under way closes its connection (keep-alive would carry more requests)
      for (const res of underWay) if (!res.headersSent) res.setHeader('Connection', 'close');
      const cut = setTimeout(() => {
        logger.warn(`requests still under way after ${DRAIN_TIMEOUT_MS} ms: their connections are closed`);
        server.closeAllConnections();
      }, DRAIN_TIMEOUT_MS);
      cut.unref();
      server.close(() => {
        clearTimeout(cut);
        logger.log('every request answered; closing the modules');
        void app
          .close()
          .catch((error: unknown) => logger.error(`closing failed: ${String(error)}`))
          .finally(() => {
            for (const other of SIGNALS) process.removeAllListeners(other);
            process.kill(process.pid, signal);
          });
      });
      // keep-alive connections with nothing under way would hold close() open
      server.closeIdleConnections();
    });
  }
}
