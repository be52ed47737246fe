/**
 * Polls a condition until it holds: the one way the suite waits (no fixed sleeps). The condition may throw
 * to fail at once.
 */
export async function waitFor(what: string, timeoutMs: number, condition: () => Promise<boolean> | boolean, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
