/**
 * Quitting waits for a clean shutdown exactly once: the first quit request is
 * held while `shutdown` runs (the engine finishes its batch and records where
 * it stopped), then the host quits for real; later requests pass straight
 * through so Quit can never hang twice or shut down twice.
 */
export class QuitGuard {
  private state: 'running' | 'stopping' | 'stopped' = 'running';

  constructor(private readonly shutdown: () => Promise<void>, private readonly reportError: (error: unknown) => void) {}

  get quitting(): boolean {
    return this.state !== 'running';
  }

  /**
   * Called from the host's before-quit. Returns true when the host must hold
   * the quit (preventDefault); `quitNow` is called once shutdown has finished.
   */
  onQuitRequested(quitNow: () => void): boolean {
    if (this.state === 'stopped') return false;
    if (this.state === 'stopping') return true;
    this.state = 'stopping';
    this.shutdown()
      .catch((error: unknown) => this.reportError(error))
      .finally(() => {
        this.state = 'stopped';
        quitNow();
      });
    return true;
  }
}
