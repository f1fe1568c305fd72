import { cardOf as cardOfDb } from './card-of';
import type { ChannelOutput, ParsedInput } from '../../preload/contract';
import type { CardView } from '../../preload/schemas/contacts-api';
import { createCard, listCards } from '../store/cards';
import {
  countContacts,
  createContact,
  deleteContact,
  liveDemoContactIds,
  restoreContact,
  listContacts,
  requireContact,
  searchContactsPage,
  updateContact,
} from '../store/contacts';
import type { Db } from '../store/db';
import { getSettings } from '../store/settings';
import { seedDemoContacts } from '../store/demo-seed';
import { getConnection } from '../store/connections';
import { contactSyncStatus } from '../store/sync-log';
import { crmRecordUrl } from './record-url';
import type { EventHub } from './event-hub';
import type { Clock, ContactFiles, ImportRequest } from './ports';

interface ContactsServiceDeps {
  db: Db;
  clock: Clock;
  events: EventHub;
  files: ContactFiles;
}

/** The contract's file (base64 or text), or the bytes of a file a host read itself (the CLI). */
type ImportFileInput = Omit<ParsedInput<'previewImport'>, 'content'> & {
  content: ParsedInput<'previewImport'>['content'] | { encoding: 'bytes'; data: Buffer };
};

/**
 * Contacts and cards for the screens. Every write goes through the contacts
 * repository, which enqueues the outbox in the same transaction; this layer
 * only adds the card default, the phone region and the contactChanged event.
 */
export function createContactsService(deps: ContactsServiceDeps) {
  const { db, clock, events, files } = deps;

  const cardOf = (cardId: number | undefined): number => cardOfDb(db, cardId);
  const writeContext = () => ({ region: getSettings(db).defaultPhoneRegion, now: clock.now() });
  const toCardView = (card: { id: number; name: string; createdAt: number }): CardView => ({ ...card, contactCount: countContacts(db, card.id), demoContactCount: liveDemoContactIds(db, card.id).length });
  const importRequest = (cardId: number, input: ImportFileInput): ImportRequest => ({
    cardId,
    fileName: input.fileName,
    content: input.content.encoding === 'bytes' ? { kind: 'bytes', data: input.content.data }
      : input.content.encoding === 'base64' ? { kind: 'bytes', data: Buffer.from(input.content.data, 'base64') }
      : { kind: 'text', data: input.content.data },
    strict: input.strict,
    ...(input.mapping ? { mapping: input.mapping } : {}),
    region: getSettings(db).defaultPhoneRegion,
  });

  return {
    listCards(): CardView[] {
      return listCards(db).map(toCardView);
    },

    createCard(input: ParsedInput<'createCard'>): CardView {
      return toCardView(createCard(db, input.name, clock.now()));
    },

    list(input: ParsedInput<'listContacts'>): ChannelOutput<'listContacts'> {
      const cardId = cardOf(input.cardId);
      return { items: listContacts(db, cardId, { limit: input.limit, offset: input.offset }), total: countContacts(db, cardId) };
    },

    search(input: ParsedInput<'searchContacts'>): ChannelOutput<'searchContacts'> {
      return searchContactsPage(db, cardOf(input.cardId), input.query, { limit: input.limit, offset: input.offset });
    },

    get(input: ParsedInput<'getContact'>): ChannelOutput<'getContact'> {
      const contact = requireContact(db, input.id);
      const sync = contactSyncStatus(db, input.id).map((link) => {
        const connection = getConnection(db, link.connectionId);
        return { ...link, recordUrl: connection ? crmRecordUrl(connection, link.externalId) : null };
      });
      return { contact, sync };
    },

    create(input: ParsedInput<'createContact'>): ChannelOutput<'createContact'> {
      const cardId = cardOf(input.cardId);
      const contact = createContact(db, cardId, input.contact, writeContext());
      events.emit('contactChanged', { cardId, ids: [contact.id], kind: 'created' });
      return contact;
    },

    update(input: ParsedInput<'updateContact'>): ChannelOutput<'updateContact'> {
      const contact = updateContact(db, input.id, input.patch, writeContext());
      events.emit('contactChanged', { cardId: contact.cardId, ids: [contact.id], kind: 'updated' });
      return contact;
    },

    delete(input: ParsedInput<'deleteContact'>): ChannelOutput<'deleteContact'> {
      const contact = deleteContact(db, input.id, clock.now());
      events.emit('contactChanged', { cardId: contact.cardId, ids: [contact.id], kind: 'deleted' });
      return contact;
    },

    /** Each delete is its own transaction (as one by one); the ids actually deleted come back for Undo. */
    deleteMany(input: ParsedInput<'deleteContacts'>): ChannelOutput<'deleteContacts'> {
      const byCard = new Map<number, number[]>();
      for (const id of new Set(input.ids)) {
        const before = requireContact(db, id);
        if (before.deletedAt !== null) continue;
        deleteContact(db, id, clock.now());
        byCard.set(before.cardId, [...(byCard.get(before.cardId) ?? []), id]);
      }
      for (const [cardId, ids] of byCard) events.emit('contactChanged', { cardId, ids, kind: 'deleted' });
      return { ids: [...byCard.values()].flat() };
    },

    tagMany(input: ParsedInput<'tagContacts'>): ChannelOutput<'tagContacts'> {
      const byCard = new Map<number, number[]>();
      const tag = input.tag.toLowerCase();
      for (const id of new Set(input.ids)) {
        const contact = requireContact(db, id);
        if (contact.deletedAt !== null || contact.tags.some((t) => t.toLowerCase() === tag)) continue;
        updateContact(db, id, { tags: [...contact.tags, input.tag] }, writeContext());
        byCard.set(contact.cardId, [...(byCard.get(contact.cardId) ?? []), id]);
      }
      for (const [cardId, ids] of byCard) events.emit('contactChanged', { cardId, ids, kind: 'updated' });
      return { tagged: [...byCard.values()].reduce((n, ids) => n + ids.length, 0) };
    },

    previewImport(input: ImportFileInput): Promise<ChannelOutput<'previewImport'>> {
      return files.previewFile(db, importRequest(cardOf(input.cardId), input));
    },

    restore(input: ParsedInput<'restoreContacts'>): ChannelOutput<'restoreContacts'> {
      const byCard = new Map<number, number[]>();
      for (const id of input.ids) {
        if (!restoreContact(db, id, clock.now())) continue;
        const cardId = requireContact(db, id).cardId;
        byCard.set(cardId, [...(byCard.get(cardId) ?? []), id]);
      }
      for (const [cardId, ids] of byCard) events.emit('contactChanged', { cardId, ids, kind: 'updated' });
      return { restored: [...byCard.values()].reduce((n, ids) => n + ids.length, 0) };
    },

    /** Adds generated demo contacts (the first run's people; sent to sandbox connections only). */
    seedDemo(input: { cardId?: number; count: number }): { added: number } {
      const cardId = cardOf(input.cardId);
      const added = seedDemoContacts(db, cardId, input.count, getSettings(db).defaultPhoneRegion, clock.now());
      if (added > 0) events.emit('contactChanged', { cardId, ids: [], kind: 'imported' });
      return { added };
    },

    /** The made-up people of the first run, removed in one step (and restorable with their ids). */
    removeDemo(input: ParsedInput<'removeDemoContacts'>): ChannelOutput<'removeDemoContacts'> {
      const cardId = cardOf(input.cardId);
      const ids = liveDemoContactIds(db, cardId);
      for (const id of ids) deleteContact(db, id, clock.now());
      if (ids.length > 0) events.emit('contactChanged', { cardId, ids, kind: 'deleted' });
      return { ids };
    },

    async import(input: ImportFileInput): Promise<ChannelOutput<'importContacts'>> {
      const cardId = cardOf(input.cardId);
      const report = await files.importFile(db, importRequest(cardId, input));
      if (report.written && report.added + report.updated + report.merged > 0) events.emit('contactChanged', { cardId, ids: [], kind: 'imported' });
      return report;
    },

    async export(input: ParsedInput<'exportContacts'>): Promise<ChannelOutput<'exportContacts'>> {
      const cardId = cardOf(input?.cardId);
      const date = new Date(clock.now()).toISOString().slice(0, 10);
      return { fileName: `ferry-contacts-${date}.csv`, csv: await files.exportCsv(db, cardId) };
    },
  };
}

