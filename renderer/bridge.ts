import type { FerryApi, FerryClient, Unsubscribe } from '../preload/api';
import { CHANNEL_NAMES, type ChannelName } from '../preload/channel-names';
import type { CallError, CallResult, FerryEventMessage, FerryEvents } from '../preload/contract';

/**
 * The renderer's only way to main. In the desktop app it wraps the preload's
 * `window.ferry`; in the web mode it speaks the same contract over the
 * loopback WebSocket, authenticated by the session cookie the page was loaded with. Either way a
 * failed call rejects with a BridgeError carrying the contract's code.
 */

declare global {
  interface Window {
    ferry?: FerryApi;
  }
}

export class BridgeError extends Error {
  readonly code: CallError['code'];
  readonly issues: CallError['issues'];
  constructor(error: CallError) {
    super(error.message);
    this.name = 'BridgeError';
    this.code = error.code;
    this.issues = error.issues;
  }
}

type RawCall = (channel: ChannelName, input: unknown) => Promise<CallResult<unknown>>;
type RawOn = <E extends keyof FerryEvents>(event: E, listener: (payload: FerryEvents[E]) => void) => Unsubscribe;

function clientFrom(call: RawCall, on: RawOn): FerryClient {
  const methods: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNEL_NAMES) {
    methods[channel] = async (input?: unknown) => {
      const result = await call(channel, input);
      if (!result.ok) throw new BridgeError(result.error);
      return result.value;
    };
  }
  // Each method was built from the contract's own channel list with the contract's envelope.
  return { ...methods, on } as unknown as FerryClient;
}

function fromPreload(api: FerryApi): FerryClient {
  const call: RawCall = (channel, input) => (api[channel] as (input: unknown) => Promise<CallResult<unknown>>)(input);
  return clientFrom(call, (event, listener) => api.on(event, listener));
}

interface Pending {
  resolve: (result: CallResult<unknown>) => void;
}

const CLOSED: CallError = { code: 'unavailable', message: 'Ferry is not reachable. Is it still running? Reload this page from the address Ferry printed.' };

function overWebSocket(pageUrl: URL): FerryClient {
  // The page was loaded with the session cookie (the launch token was traded for it), and the
  // browser sends that HttpOnly cookie with the socket's handshake: the page never holds a secret.
  const wsUrl = `${pageUrl.protocol === 'https:' ? 'wss' : 'ws'}://${pageUrl.host}/ws`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<keyof FerryEvents, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: Promise<WebSocket> | undefined;

  const open = (): Promise<WebSocket> => (socket ??= new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(wsUrl);
    ws.addEventListener('open', () => resolve(ws));
    ws.addEventListener('message', (e: MessageEvent<string>) => receive(e.data));
    ws.addEventListener('close', () => {
      socket = undefined;
      reject(new BridgeError(CLOSED));
      // Calls in flight cannot be answered any more; say so instead of hanging.
      for (const p of pending.values()) p.resolve({ ok: false, error: CLOSED });
      pending.clear();
    });
  }));

  function receive(text: string): void {
    const message = JSON.parse(text) as { id?: number | null; result?: CallResult<unknown> } | FerryEventMessage;
    if ('event' in message) {
      for (const l of listeners.get(message.event) ?? []) l(message.payload);
      return;
    }
    if (typeof message.id === 'number' && message.result) {
      pending.get(message.id)?.resolve(message.result);
      pending.delete(message.id);
    }
  }

  const call: RawCall = async (channel, input) => {
    let ws: WebSocket;
    try {
      ws = await open();
    } catch {
      return { ok: false, error: CLOSED };
    }
    const id = nextId++;
    return new Promise<CallResult<unknown>>((resolve) => {
      pending.set(id, { resolve });
      ws.send(JSON.stringify({ id, channel, input }));
    });
  };

  const on: RawOn = (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const l = listener as (payload: unknown) => void;
    set.add(l);
    // Events only flow on an open socket: subscribing opens it.
    void open().catch(() => undefined);
    return () => { set.delete(l); };
  };

  return clientFrom(call, on);
}

let client: FerryClient | undefined;

/** The one client for this page: the preload API when present, else the web mode's socket. */
export function ferry(): FerryClient {
  client ??= window.ferry ? fromPreload(window.ferry) : overWebSocket(new URL(window.location.href));
  return client;
}
