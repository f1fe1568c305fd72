import { createStore } from 'zustand/vanilla';
import type { FerryClient } from '../../preload/api';
import type { Contact, ContactInput, ContactPatch } from '../../preload/schemas/contact';
import type { ContactDetail, ImportMapping, ImportPreviewView, ImportReportView } from '../../preload/schemas/contacts-api';
import { errorMessage } from '../lib/format';

/** Rows per listContacts call; the list asks for the pages its visible window touches. */
export const PAGE_SIZE = 200;
export const SEARCH_LIMIT = 500;

export interface ContactsState {
  /** null until the first count arrives */
  total: number | null;
  /** loaded pages by index; a missing page renders as placeholder rows of the same height */
  pages: Record<number, Contact[]>;
  listError: string | null;
  query: string;
  /** null: no search active (the paged list shows) */
  results: Contact[] | null;
  searching: boolean;
  selectedId: number | null;
  detail: ContactDetail | null;
  detailError: string | null;
  ensureRange(first: number, last: number): void;
  refresh(): Promise<void>;
  search(query: string): Promise<void>;
  select(id: number | null): Promise<void>;
  /** refetch the open contact's detail without clearing it (no flash) */
  reloadDetail(): Promise<void>;
  create(contact: ContactInput): Promise<Contact>;
  update(id: number, patch: ContactPatch): Promise<Contact>;
  remove(id: number): Promise<void>;
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
  /** bumped by refresh(): answers to older requests are dropped */
  let generation = 0;
  let searchSeq = 0;
  let lastRange: [number, number] = [0, 0];

  return createStore<ContactsState>()((set, get) => {
    const fetchPage = async (index: number): Promise<void> => {
      if (inFlight.has(index)) return;
      inFlight.add(index);
      const gen = generation;
      try {
        const page = await client.listContacts({ limit: PAGE_SIZE, offset: index * PAGE_SIZE });
        if (gen !== generation) return;
        set({ pages: { ...get().pages, [index]: page.items }, total: page.total, listError: null });
      } catch (error) {
        if (gen === generation) set({ listError: errorMessage(error) });
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

    return {
      total: null,
      pages: {},
      listError: null,
      query: '',
      results: null,
      searching: false,
      selectedId: null,
      detail: null,
      detailError: null,

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
        await Promise.all([...(visible.length ? visible : [0]).map(fetchPage), get().query ? get().search(get().query) : Promise.resolve(), reloadDetail()]);
      },

      async search(query) {
        const seq = ++searchSeq;
        const q = query.trim();
        if (!q) {
          set({ query: '', results: null, searching: false });
          return;
        }
        set({ query, searching: true });
        try {
          const results = await client.searchContacts({ query: q, limit: SEARCH_LIMIT });
          if (seq === searchSeq) set({ results, searching: false, listError: null });
        } catch (error) {
          if (seq === searchSeq) set({ searching: false, listError: errorMessage(error) });
        }
      },

      reloadDetail,

      async select(id) {
        set({ selectedId: id, detail: null, detailError: null });
        await reloadDetail();
      },

      async create(contact) {
        const created = await client.createContact({ contact });
        set({ selectedId: created.id });
        return created;
      },

      async update(id, patch) {
        return client.updateContact({ id, patch });
      },

      async remove(id) {
        await client.deleteContact({ id });
        if (get().selectedId === id) set({ selectedId: null, detail: null });
      },

      previewFile: (fileName, base64, { strict, mapping }) =>
        client.previewImport({ fileName, content: { encoding: 'base64', data: base64 }, strict, ...(mapping ? { mapping } : {}) }),

      importFile: (fileName, base64, { strict, mapping }) =>
        client.importContacts({ fileName, content: { encoding: 'base64', data: base64 }, strict, ...(mapping ? { mapping } : {}) }),
    };
  });
}

export type ContactsStore = ReturnType<typeof createContactsStore>;
