// A local SMTP server for the publish scenario (loopback, no TLS, no login): it accepts every
// message and keeps only its Message-ID and the instant it was accepted, so that the bench can
// count what arrived, find duplicates and time the deliveries without parsing whole mails.
import { SMTPServer } from 'smtp-server';

/** Starts the sink on a free loopback port. */
export async function startMailSink() {
  const received = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // no DNS lookup of the (loopback) client per connection
    disableReverseLookup: true,
    closeTimeout: 1000,
    size: 50 * 1024 * 1024,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk) => {
        if (head.length < 64 * 1024) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const headers = head.split(/\r?\n\r?\n/, 1)[0];
        const id = /^message-id:\s*<([^>]*)>/im.exec(headers)?.[1] ?? '';
        received.push({ id, at: performance.now() });
        callback(null, 'queued');
      });
      stream.on('error', (error) => callback(error));
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    /** Every message accepted so far: { id (Message-ID without <>), at (performance.now()) }. */
    received,
    /** Forgets what was received (before a run). */
    clear() {
      received.length = 0;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
