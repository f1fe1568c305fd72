import type { z } from 'zod';
import { contract, isChannelName, type CallResult, type Channel, type ChannelOutput, type Handlers } from '../../preload/contract';
import type { Services } from '../services/index';
import { describeIssues, toCallError, zodIssues } from './error-mapping';
import { buildHandlers } from './handlers';
import { isAllowedSender, type Sender } from './sender-policy';

interface RouterOptions {
  /** origins whose main frame may call, e.g. ['file://'] or ['http://127.0.0.1:4321'] */
  allowedOrigins: readonly string[];
  /** where unexpected errors go with their stack (the user sees one sentence) */
  onInternalError?: (error: unknown, channel: string) => void;
}

export interface Router {
  /** Never rejects: every outcome, including a bug in a service, is a CallResult. */
  handle(channel: unknown, rawInput: unknown, sender: Sender): Promise<CallResult<unknown>>;
  /** the same, typed, for in-process callers (tray, tests) that already hold a trusted sender */
  call<K extends Channel>(channel: K, rawInput: unknown, sender: Sender): Promise<CallResult<ChannelOutput<K>>>;
}

export function createRouter(services: Services, options: RouterOptions): Router {
  return createRouterFromHandlers(buildHandlers(services), options);
}

/**
 * The gate in front of every service: sender, channel name, then the strict
 * input schema. Nothing a caller sends can make it throw.
 */
function createRouterFromHandlers(handlers: Handlers, options: RouterOptions): Router {
  const report = (channel: string) => (error: unknown) => {
    if (options.onInternalError) options.onInternalError(error, channel);
    else process.stderr.write(`ferry: ${channel} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  };

  async function handle(channel: unknown, rawInput: unknown, sender: Sender): Promise<CallResult<unknown>> {
    try {
      if (!isAllowedSender(sender, options.allowedOrigins)) {
        return { ok: false, error: { code: 'forbidden', message: 'This page is not allowed to talk to Ferry.' } };
      }
      if (!isChannelName(channel)) {
        const name = typeof channel === 'string' ? `"${channel.slice(0, 60)}"` : `of type ${typeof channel}`;
        return { ok: false, error: { code: 'unknown_channel', message: `Ferry has no channel ${name}.` } };
      }
      const schema: z.ZodType = contract[channel].input;
      const parsed = schema.safeParse(rawInput);
      if (!parsed.success) {
        const issues = zodIssues(parsed.error);
        return { ok: false, error: { code: 'invalid_input', message: `Invalid input for ${channel}: ${describeIssues(issues)}.`, issues } };
      }
      // The schema is the channel's own, so the parsed value has the handler's input type.
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toCallError(error, report(typeof channel === 'string' ? channel : 'call')) };
    }
  }

  return {
    handle,
    call: (channel, rawInput, sender) => handle(channel, rawInput, sender) as Promise<CallResult<ChannelOutput<typeof channel>>>,
  };
}
