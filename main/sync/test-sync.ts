import type { Db } from '../store/db';
import type { Connection } from '../store/connections';
import { liveContactsByIds } from '../store/contacts';
import { getLinks } from '../store/sync-links';
import { listEvents } from '../store/sync-log';
import { countOutbox } from '../store/outbox';
import { displayName } from '../../preload/schemas/contact';
import type { TestSyncContact, TestSyncReport } from '../../preload/schemas/test-sync';
import type { Connector, PushContext } from './connector';
import type { RunSummary } from './service-api';

/**
 * What a test sync shows: for each chosen contact, what happened and, field by
 * field, what Ferry sent beside what the CRM holds now (read back from the CRM,
 * so a value the CRM changed, refused or dropped shows as it is there).
 */
export async function testSyncReport(db: Db, connection: Connection, run: RunSummary, chosen: number[], connector: Connector, ctx: PushContext): Promise<TestSyncReport> {
  const links = getLinks(db, connection.id, chosen);
  const events = run.runId === null ? [] : listEvents(db, { connectionId: connection.id, runId: run.runId, limit: 500, offset: 0 }).items;
  const eventOf = new Map(events.map((e) => [e.contactId, e]));
  const written = [...links.values()].filter((l) => l.externalId !== null);
  const fields = [...new Set(written.flatMap((l) => Object.keys(l.payload)))].filter((f) => !f.startsWith('__')).sort();
  const held = connector.readBack && written.length > 0 ? await connector.readBack(written.map((l) => l.externalId as string), fields, ctx) : new Map<string, Record<string, string | null>>();
  const contacts = liveContactsByIds(db, chosen).map((contact): TestSyncContact => {
    const link = links.get(contact.id);
    const event = eventOf.get(contact.id);
    const sentNow = event?.outcome === 'created' || event?.outcome === 'updated';
    const outcome: TestSyncContact['outcome'] = sentNow ? (event.outcome as 'created' | 'updated') : link?.syncedVersion === contact.version ? 'unchanged' : 'not sent';
    const crm = link?.externalId ? held.get(link.externalId) : undefined;
    return {
      contactId: contact.id,
      name: displayName(contact),
      externalId: link?.externalId ?? null,
      // the connections service builds the web address (main/services/record-url.ts)
      recordUrl: null,
      outcome,
      problem: outcome === 'not sent' ? event?.message ?? 'It was not sent; see the Sync log.' : null,
      fields: link && outcome !== 'not sent'
        ? Object.keys(link.payload).filter((f) => !f.startsWith('__')).sort().map((field) => ({ field, sent: emptyAsNull(link.payload[field]), crm: crm ? emptyAsNull(crm[field]) : null }))
        : [],
    };
  });
  return { run, contacts, stillPending: countOutbox(db, connection.id).pending };
}

const emptyAsNull = (v: string | null | undefined): string | null => (v === undefined || v === null || v === '' ? null : v);
