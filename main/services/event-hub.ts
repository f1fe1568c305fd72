import type { FerryEventMessage, FerryEvents } from '../../preload/contract';

export type EventListener = (message: FerryEventMessage) => void;

/**
 * Fan-out of contract events to every host (Electron window, web sockets,
 * tray). A listener that throws is reported and does not stop the others.
 */
export interface EventHub {
  emit<E extends keyof FerryEvents>(event: E, payload: FerryEvents[E]): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(onListenerError: (error: unknown) => void): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      const message = { event, payload } as FerryEventMessage;
      for (const listener of [...listeners]) {
        try {
          listener(message);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
  };
}
