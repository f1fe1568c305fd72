/**
 * Ferry's one event emitter (the engine's events, the services' contract
 * events): typed per event, plus listeners for every event. A listener that
 * throws never breaks the emitter or the other listeners; it is reported.
 */
export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();
  private readonly everyEvent = new Set<<K extends keyof Events>(event: K, payload: Events[K]) => void>();

  constructor(private readonly onListenerError: (error: unknown, event: keyof Events) => void = (error, event) => {
    process.emitWarning(`A ${String(event)} listener failed: ${String(error)}`);
  }) {}

  /** A listener for every event, in the order they are emitted. */
  onAny(listener: <K extends keyof Events>(event: K, payload: Events[K]) => void): () => void {
    this.everyEvent.add(listener);
    return () => { this.everyEvent.delete(listener); };
  }

  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        (listener as (p: Events[K]) => void)(payload);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
    for (const listener of [...this.everyEvent]) {
      try {
        listener(event, payload);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
  }
}
