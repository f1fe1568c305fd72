import { z } from 'zod';
import { memberRefusal } from './errors';
import type { MailchimpCall } from './members';
import type { MergeFieldSpec } from './mapping';
import { MailchimpHttpError } from './transport';

/**
 * The audience's merge fields, as Mailchimp listed them, and the ones Ferry
 * creates when missing (POST /lists/{list_id}/merge-fields, one call each; the
 * Merge fields guide). Listed once per connector; created ones are remembered.
 *
 * An audience holds 30 merge fields (80 on Premium; mailchimp/mc-magento#957).
 * A creation Mailchimp refuses (400) whose tag is still missing when the fields
 * are listed again is *refused*: it is not asked for again in this sync, and the
 * members that have a value for it are written without it and set aside with a
 * sentence (members.ts), so a full audience never stops the other contacts and
 * never silently loses a value.
 */

const listing = z.object({ merge_fields: z.array(z.object({ tag: z.string() }).passthrough()).catch([]) }).passthrough();

export interface RefusedField {
  /** the field's name as Ferry asked Mailchimp to call it ('Company', or a custom field's own name) */
  name: string;
  /** Mailchimp's words */
  crmError: string;
}

export class MergeFieldRegistry {
  private known: Set<string> | null = null;
  /** creations in flight: batches pushed at once share one creation per tag */
  private readonly creating = new Map<string, Promise<void>>();
  private readonly refusedTags = new Map<string, RefusedField>();

  async load(call: MailchimpCall, listId: string): Promise<void> {
    // one page of 1,000 holds every merge field an audience may have (80 at most)
    const body = listing.parse(await call('GET', `/lists/${encodeURIComponent(listId)}/merge-fields?count=1000&fields=merge_fields.tag`));
    this.known = new Set(body.merge_fields.map((f) => f.tag.toUpperCase()));
  }

  /** Forgets refusals (once per sync, before anything is pushed): the rep may have made room since. */
  forgetRefusals(): void {
    this.refusedTags.clear();
  }

  /** Fields Mailchimp refused to create, by tag. */
  get refused(): ReadonlyMap<string, RefusedField> {
    return this.refusedTags;
  }

  /** Creates the fields among `specs` the audience lacks; a refusal is recorded, not thrown. */
  async ensure(call: MailchimpCall, listId: string, specs: Iterable<MergeFieldSpec>): Promise<void> {
    if (this.known === null) await this.load(call, listId);
    for (const spec of specs) {
      if (this.known?.has(spec.tag) || this.refusedTags.has(spec.tag)) continue;
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
      if (!this.known?.has(spec.tag)) {
        this.refusedTags.set(spec.tag, { name: spec.name, crmError: memberRefusal(error) });
        return;
      }
    }
    this.known?.add(spec.tag);
  }

  reset(): void {
    this.known = null;
  }
}
