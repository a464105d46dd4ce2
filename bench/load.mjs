// A small load loop for multi-step flows (a save, then a submit with the saved version; each
// virtual user with its own session), where autocannon's fixed request list is awkward.
// `connections` workers run tasks one after the other over keep-alive sockets; every request's
// latency is recorded (from writing it to reading its whole answer), and the result has the
// shape of the harness's autocannon runs: throughput (of 2xx answers), p50 and p99 (of every
// answer), non-2xx, errors, duration.
import http from 'node:http';

/** A keep-alive HTTP client for one loopback port, at most `connections` sockets. */
export function httpClient(port, connections, timeoutMs = 30_000) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  return {
    request({ method = 'GET', path, headers = {}, body }) {
      const payload =
        body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
      return new Promise((resolve, reject) => {
        const started = performance.now();
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            method,
            path,
            agent,
            headers: {
              ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
              ...headers,
            },
          },
          (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () =>
              resolve({
                status: res.statusCode,
                headers: res.headers,
                text: Buffer.concat(chunks).toString('utf8'),
                ms: performance.now() - started,
              }),
            );
            res.on('error', reject);
          },
        );
        req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        req.on('error', reject);
        req.end(payload);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

/** What went wrong, in a word: the portal's error code (`{ "error": { "code" } }`), else the answer's start. */
function errorCode(text) {
  try {
    const code = JSON.parse(text)?.error?.code;
    if (typeof code === 'string') return code;
  } catch {
    // not JSON
  }
  return text.slice(0, 200);
}

/** The q-quantile of sorted numbers (nearest rank), rounded to 0.1 ms. */
export function quantile(sorted, q) {
  if (!sorted.length) return 0;
  const value = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return Math.round(value * 10) / 10;
}

function summary(ms) {
  const sorted = Float64Array.from(ms).sort();
  return { requests: sorted.length, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
}

/**
 * Runs `connections` workers until `next(worker)` has no task left, or `seconds` have passed
 * (a task under way is finished), or `timeoutSeconds` have passed (the requests still to come
 * are not sent; the run is marked timed out). A task is `async (call) => void`, where
 * `call(kind, request)` sends one request and answers `{ status, text, ms }` (null when the
 * request failed on the network). Latencies are kept per kind as well.
 */
export async function drive({ port, connections, next, seconds, timeoutSeconds = 300, requestTimeoutMs = 30_000 }) {
  const client = httpClient(port, connections, requestTimeoutMs);
  const all = [];
  const kinds = new Map();
  const problems = new Map();
  let non2xx = 0;
  let errors = 0;
  let timedOut = false;
  const started = performance.now();
  const stopAt = seconds ? started + seconds * 1000 : Infinity;
  const hardStop = started + timeoutSeconds * 1000;
  const note = (kind, what) => {
    // one line per kind of problem, not per request
    const key = `${kind}: ${what}`.slice(0, 300);
    problems.set(key, (problems.get(key) ?? 0) + 1);
  };

  async function call(kind, request) {
    if (performance.now() > hardStop) {
      timedOut = true;
      return null;
    }
    try {
      const res = await client.request(request);
      all.push(res.ms);
      if (!kinds.has(kind)) kinds.set(kind, []);
      kinds.get(kind).push(res.ms);
      if (res.status < 200 || res.status >= 300) {
        non2xx += 1;
        note(kind, `${res.status} ${errorCode(res.text)}`);
      }
      return res;
    } catch (error) {
      errors += 1;
      note(kind, error.message);
      return null;
    }
  }

  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      for (;;) {
        const now = performance.now();
        if (now >= stopAt) break;
        if (now >= hardStop) {
          timedOut = true;
          break;
        }
        const task = next(worker);
        if (!task) break;
        await task(call);
      }
    }),
  );
  const duration = (performance.now() - started) / 1000;
  client.close();
  const total = summary(all);
  return {
    // throughput counts the answers that succeeded; p50 and p99 are of every answer
    rps: (total.requests - non2xx) / duration,
    p50: total.p50,
    p99: total.p99,
    samples: total.requests,
    non2xx,
    errors,
    duration: Math.round(duration * 100) / 100,
    timedOut,
    kinds: Object.fromEntries([...kinds].map(([kind, ms]) => [kind, summary(ms)])),
    problems: Object.fromEntries([...problems].slice(0, 10)),
  };
}

/** Runs `worker(item)` over `items`, `concurrency` at a time (sign-ins before a timed run). */
export async function inParallel(items, concurrency, worker) {
  const results = new Array(items.length);
  let index = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (index < items.length) {
        const i = index++;
        results[i] = await worker(items[i], i);
      }
    }),
  );
  return results;
}
