import { Emitter } from '../emitter';
import type { FerryEventMessage, FerryEvents } from '../../preload/contract';

type EventListener = (message: FerryEventMessage) => void;

/**
 * Fan-out of contract events to every host (Electron window, web sockets,
 * tray). A listener that throws is reported and does not stop the others.
 */
export interface EventHub {
  emit<E extends keyof FerryEvents>(event: E, payload: FerryEvents[E]): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(onListenerError: (error: unknown) => void): EventHub {
  const emitter = new Emitter<FerryEvents>((error) => onListenerError(error));
  return {
    emit: (event, payload) => emitter.emit(event, payload),
    subscribe: (listener) => emitter.onAny((event, payload) => listener({ event, payload } as FerryEventMessage)),
  };
}
