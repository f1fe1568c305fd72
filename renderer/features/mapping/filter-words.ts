import { filterSentences, type ContactFilter } from '../../../preload/schemas/filter';

/** What a filter sends, in one sentence (the rules in the CLI's words). */
export function filterSummary(filter: ContactFilter, crmName: string): string {
  const lines = filterSentences(filter);
  return lines.length === 0 ? `Every contact is sent to ${crmName}.` : `${crmName} gets contacts ${lines.join(', and ')}.`;
}

/** What happens to a contact that stops matching: the promise main keeps (main/store/outbox-filter.ts). */
export function keptSentence(crmName: string): string {
  return `A contact that stops matching is kept in ${crmName}, no longer sent; the Sync log says why.`;
}
