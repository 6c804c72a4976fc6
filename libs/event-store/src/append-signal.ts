/**
 * Wakes idle subscriptions when events are appended in this process. Subscriptions also
 * wake on a timer, which is how they notice appends made by other processes.
 *
 * Appends are counted, so one that lands while a subscriber is busy (between reading a page
 * and waiting) is not missed: the subscriber notes the count before it reads, and waiting
 * on a count that has already moved returns at once.
 */
export class AppendSignal {
  private appends = 0;
  private waiters = new Set<() => void>();

  get count(): number {
    return this.appends;
  }

  notify(): void {
    this.appends++;
    if (this.waiters.size === 0) return;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /**
   * Resolves once the count has moved past `seen`, after `timeoutMs`, or when `abort` fires,
   * whichever is first.
   */
  wait(seen: number, timeoutMs: number, abort: AbortSignal): Promise<void> {
    if (abort.aborted || this.appends !== seen) return Promise.resolve();
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
