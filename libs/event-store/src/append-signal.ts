/**
 * Wakes idle subscriptions when events are appended in this process. Subscriptions also
 * wake on a timer, which is how they notice appends made by other processes.
 */
export class AppendSignal {
  private waiters = new Set<() => void>();

  notify(): void {
    if (this.waiters.size === 0) return;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next append, after `timeoutMs`, or when `abort` fires, whichever is first. */
  wait(timeoutMs: number, abort: AbortSignal): Promise<void> {
    if (abort.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        abort.removeEventListener('abort', wake);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      abort.addEventListener('abort', wake, { once: true });
      this.waiters.add(wake);
    });
  }
}
