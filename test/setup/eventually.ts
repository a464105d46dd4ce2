/**
 * Polls `probe` until it gives a truthy value (returned), or fails after `timeoutMs`: for
 * what the worker does after a request. A safety limit, not a timed assertion.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
  intervalMs = 50,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
