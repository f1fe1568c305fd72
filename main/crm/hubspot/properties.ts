import { PropertyCreateFieldTypeEnum, PropertyCreateTypeEnum, type PropertyCreate } from '@hubspot/api-client/lib/codegen/crm/properties/index';
import { SyncError } from '../../sync/connector';
import type { HubSpotApis } from './api';
import { CUSTOM_FIELD_PREFIX, FERRY_ID, FERRY_PROPERTIES } from './mapping';
import { HubSpotHttpError } from './transport';

/**
 * The contact properties Ferry owns in HubSpot, and creating them when missing.
 * Invariant: a Ferry property is created before the first payload that carries it
 * is sent (HubSpot refuses a whole batch naming an unknown property), and
 * `ferry_id` is unique, because it is the upsert key of contacts without an e-mail.
 */

/** HubSpot's default contact group; every portal has it. */
export const PROPERTY_GROUP = 'contactinformation';

type Spec = Pick<PropertyCreate, 'label' | 'type' | 'fieldType' | 'description' | 'hasUniqueValue'>;

const text = (label: string, description: string): Spec => ({ label, description, type: PropertyCreateTypeEnum.String, fieldType: PropertyCreateFieldTypeEnum.Text });
const area = (label: string, description: string): Spec => ({ label, description, type: PropertyCreateTypeEnum.String, fieldType: PropertyCreateFieldTypeEnum.Textarea });

const SPECS: Record<(typeof FERRY_PROPERTIES)[number], Spec> = {
  [FERRY_ID]: { ...text('Ferry ID', 'Ferry\'s id for this contact. Ferry uses it to update this record; do not edit it.'), hasUniqueValue: true },
  ferry_tags: area('Tags (Ferry)', 'Tags from Ferry, separated by "; ".'),
  ferry_other_emails: area('Other e-mail addresses (Ferry)', 'E-mail addresses beyond the first, separated by "; ".'),
  ferry_other_phones: area('Other phone numbers (Ferry)', 'Phone numbers beyond the main and mobile ones, separated by "; ".'),
  ferry_other_addresses: area('Other addresses (Ferry)', 'Addresses beyond the first, separated by "; ".'),
  ferry_met_at: { label: 'Met on (Ferry)', description: 'When the rep met this contact.', type: PropertyCreateTypeEnum.Date, fieldType: PropertyCreateFieldTypeEnum.Date },
  ferry_met_where: text('Met where (Ferry)', 'Where the rep met this contact.'),
  ferry_met_event: text('Met at event (Ferry)', 'The event where the rep met this contact.'),
  ferry_meeting_notes: area('Meeting notes (Ferry)', 'The rep\'s notes from the meeting.'),
};

const isFerryOwned = (name: string): name is (typeof FERRY_PROPERTIES)[number] => name in SPECS;

/** What Ferry creates for `name`, or null when the name is not Ferry's to create. */
export function propertySpec(name: string, customFieldLabel?: string): PropertyCreate | null {
  if (isFerryOwned(name)) return { name, groupName: PROPERTY_GROUP, ...SPECS[name] };
  if (!name.startsWith(CUSTOM_FIELD_PREFIX)) return null;
  const label = customFieldLabel?.trim() || name.slice(CUSTOM_FIELD_PREFIX.length).replace(/_/g, ' ');
  return { name, groupName: PROPERTY_GROUP, ...area(`${label} (Ferry)`, `The custom field "${label}" from Ferry.`) };
}

/**
 * Remembers which contact properties exist in the portal (loaded once per
 * connector, then kept up to date by what Ferry creates).
 */
export class PropertyRegistry {
  private known: Set<string> | null = null;

  /** Forget what is known, e.g. after HubSpot said a property does not exist. */
  reset(): void {
    this.known = null;
  }

  /** Lists the portal's contact properties; checks `ferry_id` is unique when present. */
  async load(apis: HubSpotApis): Promise<Set<string>> {
    const { results } = await apis.properties.getAll('contacts');
    const ferryId = results.find((p) => p.name === FERRY_ID);
    if (ferryId && ferryId.hasUniqueValue !== true) {
      throw new SyncError('config', 'The HubSpot property "Ferry ID" (ferry_id) exists but is not marked unique, so Ferry cannot use it to find contacts. Delete it in HubSpot and reconnect.', { crmError: 'ferry_id.hasUniqueValue is false' });
    }
    this.known = new Set(results.map((p) => p.name));
    return this.known;
  }

  /**
   * Creates every Ferry property among `names` that the portal lacks. Names that
   * are neither Ferry's nor present (a standard property) are left to HubSpot.
   * `labels` maps a custom-field property name to the field's name in Ferry.
   */
  async ensure(apis: HubSpotApis, names: Iterable<string>, labels: ReadonlyMap<string, string> = new Map()): Promise<string[]> {
    const known = this.known ?? (await this.load(apis));
    const created: string[] = [];
    for (const name of new Set(names)) {
      if (known.has(name)) continue;
      const spec = propertySpec(name, labels.get(name));
      if (!spec) continue;
      try {
        await apis.properties.create('contacts', spec);
        created.push(name);
      } catch (error) {
        // another Ferry process (or an admin) created it meanwhile: that is the goal
        const exists = error instanceof HubSpotHttpError && error.status === 409;
        if (!exists) throw error;
      }
      known.add(name);
    }
    return created;
  }
}
