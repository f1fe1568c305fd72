import type { CallResult, Channel, ChannelInput, ChannelOutput, FerryEvents } from './contract';

/**
 * `window.ferry` as the preload exposes it: one method per channel, answering
 * with a CallResult envelope (errors cross contextBridge as data, because thrown
 * errors lose their code there), plus typed event subscriptions.
 */
type FerryApiMethods = {
  [K in Channel]: (...args: InputArgs<K>) => Promise<CallResult<ChannelOutput<K>>>;
};

/** Channels whose input may be omitted can be called with no argument. */
type InputArgs<K extends Channel> = undefined extends ChannelInput<K> ? [input?: ChannelInput<K>] : [input: ChannelInput<K>];

export type Unsubscribe = () => void;

interface FerryEventsApi {
  on<E extends keyof FerryEvents>(event: E, listener: (payload: FerryEvents[E]) => void): Unsubscribe;
}

export type FerryApi = FerryApiMethods & FerryEventsApi;

/**
 * What screens use (renderer/bridge.ts): the same methods, unwrapped — a failed
 * call rejects with a BridgeError carrying the code and sentence.
 */
export type FerryClient = {
  [K in Channel]: (...args: InputArgs<K>) => Promise<ChannelOutput<K>>;
} & FerryEventsApi;
