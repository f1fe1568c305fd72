import { createStore } from 'zustand/vanilla';
import type { FerryClient } from '../../preload/api';
import type { Page } from '../../preload/schemas/common';
import type { Contact, ContactInput, ContactPatch } from '../../preload/schemas/contact';
import type { ContactDetail, ImportMapping, ImportPreviewView, ImportReportView } from '../../preload/schemas/contacts-api';
import { errorMessage } from '../lib/format';

/** Rows per page call; the list asks for the pages its visible window touches, for the list and a search alike. */
export const PAGE_SIZE = 200;

export interface ContactsState {
  /** live contacts on the card; null until the first count arrives */
  total: number | null;
  /** live made-up demo contacts on the card (they go to sandboxes only) */
  demoCount: number;
  /** loaded pages of what the list shows (every contact, or the search's matches) by index */
  pages: Record<number, Contact[]>;
  listError: string | null;
  query: string;
  /** how many contacts the active search matches in all; null when no search is active */
  matchTotal: number | null;
  searching: boolean;
  selectedId: number | null;
  detail: ContactDetail | null;
  detailError: string | null;
  /** contacts ticked for a bulk action */
  checked: number[];
  ensureRange(first: number, last: number): void;
  refresh(): Promise<void>;
  search(query: string): Promise<void>;
  select(id: number | null): Promise<void>;
  /** refetch the open contact's detail without clearing it (no flash) */
  reloadDetail(): Promise<void>;
  /** a new contact is shown at once: an active search that could hide it is cleared */
  create(contact: ContactInput): Promise<Contact>;
  update(id: number, patch: ContactPatch): Promise<Contact>;
  /** deletes and answers with the ids, for Undo */
  remove(ids: number[]): Promise<number[]>;
  restore(ids: number[]): Promise<number>;
  removeDemo(): Promise<number[]>;
  tag(ids: number[], tag: string): Promise<number>;
  toggleChecked(id: number, on: boolean): void;
  setChecked(ids: number[]): void;
  /** what importing the file would do; writes nothing. mapping omitted: a mapping remembered for its header */
  previewFile(fileName: string, base64: string, options: ImportChoices): Promise<ImportPreviewView>;
  importFile(fileName: string, base64: string, options: ImportChoices): Promise<ImportReportView>;
}

export interface ImportChoices {
  /** all or nothing */
  strict: boolean;
  /** the user's column choices (CSV); remembered for files with the same header */
  mapping?: ImportMapping;
}

export function createContactsStore(client: FerryClient) {
  /** page indexes being fetched, so scrolling never asks twice for the same page */
  const inFlight = new Set<number>();
  /** bumped whenever what the list shows changes (refresh, a new search): older answers are dropped */
  let generation = 0;
  let lastRange: [number, number] = [0, 0];

  return createStore<ContactsState>()((set, get) => {
    const fetchPage = async (index: number): Promise<void> => {
      if (inFlight.has(index)) return;
      inFlight.add(index);
      const gen = generation;
      const q = get().query.trim();
      try {
        const page: Page<Contact> = q
          ? await client.searchContacts({ query: q, limit: PAGE_SIZE, offset: index * PAGE_SIZE })
          : await client.listContacts({ limit: PAGE_SIZE, offset: index * PAGE_SIZE });
        if (gen !== generation) return;
        set({ pages: { ...get().pages, [index]: page.items }, listError: null, searching: false, ...(q ? { matchTotal: page.total } : { total: page.total }) });
      } catch (error) {
        if (gen === generation) set({ listError: errorMessage(error), searching: false });
      } finally {
        inFlight.delete(index);
      }
    };

    const pagesOf = (first: number, last: number): number[] => {
      const out: number[] = [];
      for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(Math.max(first, last) / PAGE_SIZE); p++) out.push(p);
      return out;
    };

    const reloadDetail = async (): Promise<void> => {
      const id = get().selectedId;
      if (id === null) return;
      try {
        const detail = await client.getContact({ id });
        if (get().selectedId === id) set({ detail, detailError: null });
      } catch (error) {
        if (get().selectedId === id) set({ detail: null, detailError: errorMessage(error) });
      }
    };

    const loadCounts = async (): Promise<void> => {
      try {
        const [card] = await client.listCards();
        if (card) set({ demoCount: card.demoContactCount, ...(get().query ? { total: card.contactCount } : {}) });
      } catch {
        // the list's own call reports a broken connection
      }
    };

    return {
      total: null,
      demoCount: 0,
      pages: {},
      listError: null,
      query: '',
      matchTotal: null,
      searching: false,
      selectedId: null,
      detail: null,
      detailError: null,
      checked: [],

      ensureRange(first, last) {
        lastRange = [first, last];
        for (const p of pagesOf(first, last)) if (!get().pages[p]) void fetchPage(p);
      },

      async refresh() {
        // Keep the rows on screen until their replacements arrive (no flash, no jump);
        // pages outside the visible window are dropped and refetched on demand.
        generation += 1;
        inFlight.clear();
        const visible = pagesOf(lastRange[0], lastRange[1]);
        const kept: Record<number, Contact[]> = {};
        for (const p of visible) { const rows = get().pages[p]; if (rows) kept[p] = rows; }
        set({ pages: kept });
        await Promise.all([...(visible.length ? visible : [0]).map(fetchPage), reloadDetail(), loadCounts()]);
      },

      async search(query) {
        const q = query.trim();
        if (q === get().query.trim()) return;
        generation += 1;
        inFlight.clear();
        lastRange = [0, 0];
        set({ query: q, pages: {}, matchTotal: null, searching: q !== '' });
        await fetchPage(0);
      },

      reloadDetail,

      async select(id) {
        set({ selectedId: id, detail: null, detailError: null });
        await reloadDetail();
      },

      async create(contact) {
        const created = await client.createContact({ contact });
        if (get().query) await get().search('');
        set({ selectedId: created.id, detail: null });
        await reloadDetail();
        return created;
      },

      update: (id, patch) => client.updateContact({ id, patch }),

      async remove(ids) {
        const { ids: deleted } = await client.deleteContacts({ ids });
        const gone = new Set(deleted);
        if (get().selectedId !== null && gone.has(get().selectedId!)) set({ selectedId: null, detail: null });
        set({ checked: get().checked.filter((id) => !gone.has(id)) });
        return deleted;
      },

      async restore(ids) {
        const { restored } = await client.restoreContacts({ ids });
        return restored;
      },

      async removeDemo() {
        const { ids } = await client.removeDemoContacts({});
        const gone = new Set(ids);
        if (get().selectedId !== null && gone.has(get().selectedId!)) set({ selectedId: null, detail: null });
        set({ checked: get().checked.filter((id) => !gone.has(id)) });
        return ids;
      },

      async tag(ids, tag) {
        const { tagged } = await client.tagContacts({ ids, tag });
        return tagged;
      },

      toggleChecked(id, on) {
        const rest = get().checked.filter((x) => x !== id);
        set({ checked: on ? [...rest, id] : rest });
      },
      setChecked: (ids) => set({ checked: ids }),

      previewFile: (fileName, base64, { strict, mapping }) =>
        client.previewImport({ fileName, content: { encoding: 'base64', data: base64 }, strict, ...(mapping ? { mapping } : {}) }),

      importFile: (fileName, base64, { strict, mapping }) =>
        client.importContacts({ fileName, content: { encoding: 'base64', data: base64 }, strict, ...(mapping ? { mapping } : {}) }),
    };
  });
}

export type ContactsStore = ReturnType<typeof createContactsStore>;
