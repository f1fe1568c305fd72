import type { PipedriveApi } from './api';

/**
 * Where the person of a contact that has no link yet lives in Pipedrive, if
 * anywhere: the crash window of "create, then save the link". A push creates
 * the person (Ferry ID field = the contact's uid) and the engine saves the link
 * after the answer; a crash or a lost answer in between leaves a person Ferry
 * does not know. Before creating anything, Ferry looks the uid up here.
 *
 * How, cheaply and without trusting a search index that may lag writes:
 * - once per process, a scan of the account's persons (GET /v2/persons, 500 a
 *   page, only the Ferry ID field: 20 budget tokens a page) maps every Ferry ID
 *   to its persons. After it, every push that creates refreshes the map with
 *   the persons updated since the newest `update_time` the last page showed
 *   (Pipedrive's clock, not ours; usually one page: the previous push's own
 *   writes), so a person created by a lost answer, or by another Ferry process
 *   on this computer, is seen before anything is created again. Lists read the
 *   database, so a just-created person is there at once.
 * - a large account is scanned a little per push (at most two pages per
 *   contact looked up: a page costs half a search), and while the scan is
 *   unfinished the remaining uids are searched one by one, exact match on
 *   custom fields (GET /v2/persons/search: 40 tokens, 10 per 2 s).
 */
export class FerryIdIndex {
  private readonly persons = new Map<string, Set<number>>();
  private scanCursor: string | undefined;
  private scanStarted = false;
  private scanComplete = false;
  /** newest update_time seen in a list, the next refresh's updated_since */
  private watermark: string | undefined;

  constructor(private readonly fieldKey: () => string) {}

  /** one look-up at a time: batches pushed at once share the scan's cursor and watermark */
  private queue: Promise<unknown> = Promise.resolve();

  /** The person ids that carry each uid's Ferry ID (empty when none). */
  lookUp(api: PipedriveApi, uids: string[]): Promise<Map<string, number[]>> {
    const next = this.queue.then(() => this.lookUpNow(api, uids));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async lookUpNow(api: PipedriveApi, uids: string[]): Promise<Map<string, number[]>> {
    const out = new Map<string, number[]>();
    if (uids.length === 0) return out;
    if (this.scanComplete) await this.refresh(api);
    else await this.scan(api, Math.max(2, uids.length * 2));
    for (const uid of uids) {
      const known = this.persons.get(uid);
      if (known && known.size > 0) out.set(uid, [...known].sort((a, b) => a - b));
      else if (this.scanComplete) out.set(uid, []);
      else out.set(uid, await api.searchByCustomField(uid));
    }
    return out;
  }

  /** A person this process wrote (so a resent contact finds it without a call). */
  remember(uid: string, personId: number): void {
    let ids = this.persons.get(uid);
    if (!ids) this.persons.set(uid, (ids = new Set()));
    ids.add(personId);
  }

  /** A linked person Pipedrive no longer has (deleted there). */
  forget(uid: string, personId: number): void {
    this.persons.get(uid)?.delete(personId);
  }

  private take(page: Awaited<ReturnType<PipedriveApi['listPersons']>>): void {
    const key = this.fieldKey();
    for (const p of page.persons) {
      const value = p.customFields[key];
      if (typeof value === 'string' && value) this.remember(value, p.id);
      if (p.updateTime && (this.watermark === undefined || p.updateTime > this.watermark)) this.watermark = p.updateTime;
    }
  }

  private async scan(api: PipedriveApi, pageBudget: number): Promise<void> {
    for (let pages = 0; pages < pageBudget && !this.scanComplete; pages++) {
      const page = await api.listPersons({ customFieldKeys: [this.fieldKey()], ...(this.scanCursor ? { cursor: this.scanCursor } : {}) });
      this.scanStarted = true;
      this.take(page);
      this.scanCursor = page.nextCursor ?? undefined;
      if (!page.nextCursor) this.scanComplete = true;
    }
  }

  private async refresh(api: PipedriveApi): Promise<void> {
    if (!this.scanStarted) return;
    let cursor: string | undefined;
    const since = this.watermark;
    do {
      const page = await api.listPersons({ customFieldKeys: [this.fieldKey()], ...(since ? { updatedSince: since } : {}), ...(cursor ? { cursor } : {}) });
      this.take(page);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}
