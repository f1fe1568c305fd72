import { z } from 'zod';
import type { MailchimpCall } from './members';
import type { MergeFieldSpec } from './mapping';

/**
 * The audience's merge fields, as Mailchimp listed them, and the ones Ferry
 * creates when missing (POST /lists/{list_id}/merge-fields, one call each; the
 * Merge fields guide). Listed once per connector; created ones are remembered.
 */

const listing = z.object({ merge_fields: z.array(z.object({ tag: z.string() }).passthrough()).catch([]) }).passthrough();

export class MergeFieldRegistry {
  private known: Set<string> | null = null;

  async load(call: MailchimpCall, listId: string): Promise<void> {
    // 80 is the most merge fields an audience may have (Merge fields guide); one page of 1,000 holds them all
    const body = listing.parse(await call('GET', `/lists/${encodeURIComponent(listId)}/merge-fields?count=1000&fields=merge_fields.tag`));
    this.known = new Set(body.merge_fields.map((f) => f.tag.toUpperCase()));
  }

  /** Creates the fields among `specs` the audience lacks; returns their tags. */
  async ensure(call: MailchimpCall, listId: string, specs: Iterable<MergeFieldSpec>): Promise<string[]> {
    if (this.known === null) await this.load(call, listId);
    const known = this.known as Set<string>;
    const created: string[] = [];
    for (const spec of specs) {
      if (known.has(spec.tag)) continue;
      await call('POST', `/lists/${encodeURIComponent(listId)}/merge-fields`, { tag: spec.tag, name: spec.name, type: spec.type, required: false, public: false });
      known.add(spec.tag);
      created.push(spec.tag);
    }
    return created;
  }

  reset(): void {
    this.known = null;
  }
}
