/**
 * Announces each problem once. A subject (a connection) is armed until it
 * reports a problem; the same problem reported again (every retry) stays
 * silent; a different problem is announced; clearing re-arms the subject.
 */
export class NotificationDedupe {
  private readonly announced = new Map<string, string>();

  /** A problem is present: true when it should be announced now. */
  report(subject: string, problem: string): boolean {
    if (this.announced.get(subject) === problem) return false;
    this.announced.set(subject, problem);
    return true;
  }

  /** The subject is healthy again: its next problem will be announced. */
  clear(subject: string): void {
    this.announced.delete(subject);
  }

  /** for tests and diagnostics */
  isAnnounced(subject: string): boolean {
    return this.announced.has(subject);
  }
}
