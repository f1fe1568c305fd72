import { contract, type Channel, type ChannelInput, type ParsedInput } from '../../preload/contract';
import { UsageError } from './context';

/**
 * A command's input checked by the contract's own schema, exactly as the app's
 * calls are (same cleaning, same limits, same defaults), so a service gets from
 * the CLI only what it could get from a screen. A refusal is a usage error
 * that names the field.
 */
export function parsedInput<K extends Channel>(channel: K, input: ChannelInput<K>): ParsedInput<K> {
  const parsed = contract[channel].input.safeParse(input);
  if (parsed.success) return parsed.data as ParsedInput<K>;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  throw new UsageError(`${issue?.message ?? 'That value is not accepted'}${where}.`);
}
