import { z } from 'zod';
import type { MailchimpCall } from './members';
import type { MergeFieldSpec } from './mapping';
import { MailchimpHttpError } from './transport';

/**
 * The audience's merge fields, as Mailchimp listed them, and the ones Ferry
 * creates when missing (POST /lists/{list_id}/merge-fields, one call each; the
 * Merge fields guide). Listed once per connector; created ones are remembered.
 */

const listing = z.object({ merge_fields: z.array(z.object({ tag: z.string() }).passthrough()).catch([]) }).passthrough();

export class MergeFieldRegistry {
  private known: Set<string> | null = null;
  /** creations in flight: batches pushed at once share one creation per tag */
  private readonly creating = new Map<string, Promise<void>>();

  async load(call: MailchimpCall, listId: string): Promise<void> {
    // 80 is the most merge fields an audience may have (Merge fields guide); one page of 1,000 holds them all
    const body = listing.parse(await call('GET', `/lists/${encodeURIComponent(listId)}/merge-fields?count=1000&fields=merge_fields.tag`));
    this.known = new Set(body.merge_fields.map((f) => f.tag.toUpperCase()));
  }

  /** Creates the fields among `specs` the audience lacks. */
  async ensure(call: MailchimpCall, listId: string, specs: Iterable<MergeFieldSpec>): Promise<void> {
    if (this.known === null) await this.load(call, listId);
    for (const spec of specs) {
      if (this.known?.has(spec.tag)) continue;
      let creation = this.creating.get(spec.tag);
      if (!creation) {
        creation = this.create(call, listId, spec).finally(() => this.creating.delete(spec.tag));
        this.creating.set(spec.tag, creation);
      }
      await creation;
    }
  }

  private async create(call: MailchimpCall, listId: string, spec: MergeFieldSpec): Promise<void> {
    try {
      await call('POST', `/lists/${encodeURIComponent(listId)}/merge-fields`, { tag: spec.tag, name: spec.name, type: spec.type, required: false, public: false });
    } catch (error) {
      // a 400 may mean someone created it since Ferry listed the audience's fields: look again
      if (!(error instanceof MailchimpHttpError) || error.status !== 400) throw error;
      await this.load(call, listId);
      if (!this.known?.has(spec.tag)) throw error;
    }
    this.known?.add(spec.tag);
  }

  reset(): void {
    this.known = null;
  }
}
