/**
 * Yields to the event loop through a MessageChannel: a macrotask, so queued messages (pause, probe) run first,
 * without setTimeout's 4 ms clamp on nested timers.
 */
export function createYield(): () => Promise<void> {
  if (typeof MessageChannel === 'undefined') return () => new Promise((r) => setTimeout(r, 0));
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(0);
    });
}
