import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { FerryApi } from './api';
import { CHANNEL_NAMES, EVENT_NAMES, IPC_CALL, IPC_EVENT, isEventName, type EventName } from './channel-names';
import type { CallResult, FerryEventMessage } from './contract';

/**
 * The sandboxed preload: exposes `window.ferry` with one method per contract
 * channel and `on(event, listener) → unsubscribe`. ipcRenderer itself never
 * crosses the bridge, and a listener only ever receives the event payload,
 * never the IPC event object (which would leak `sender`).
 */

const methods: Record<string, (input?: unknown) => Promise<CallResult<unknown>>> = {};
for (const channel of CHANNEL_NAMES) {
  methods[channel] = (input?: unknown) => ipcRenderer.invoke(IPC_CALL, channel, input) as Promise<CallResult<unknown>>;
}

const listeners = new Map<EventName, Set<(payload: unknown) => void>>(EVENT_NAMES.map((e) => [e, new Set()]));

ipcRenderer.on(IPC_EVENT, (_event: IpcRendererEvent, message: FerryEventMessage) => {
  if (!isEventName(message?.event)) return;
  for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
});

function on(event: EventName, listener: (payload: unknown) => void): () => void {
  const set = listeners.get(event);
  if (!set) throw new Error(`Ferry has no event "${String(event)}".`);
  if (typeof listener !== 'function') throw new Error('A Ferry event listener must be a function.');
  set.add(listener);
  return () => { set.delete(listener); };
}

// The methods were built from the contract's channel list with the contract's envelope.
const api = { ...methods, on } as unknown as FerryApi;
contextBridge.exposeInMainWorld('ferry', api);
