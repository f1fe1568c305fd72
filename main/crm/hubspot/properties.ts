import { PropertyCreateFieldTypeEnum, PropertyCreateTypeEnum, type PropertyCreate } from '@hubspot/api-client/lib/codegen/crm/properties/index';
import { SyncError } from '../../sync/connector';
import type { HubSpotApis } from './api';
import { CUSTOM_FIELD_PREFIX, FERRY_ID, FERRY_PROPERTIES } from './mapping';

/**
 * The contact properties Ferry owns in HubSpot, and creating them when missing.
 * Invariant: a Ferry property is created before the first payload that carries it
 * is sent (HubSpot refuses a whole batch naming an unknown property), and
 * `ferry_id` is unique, because it is the upsert key of contacts without an e-mail.
 */

/** HubSpot's default contact group; every portal has it. */
const PROPERTY_GROUP = 'contactinformation';

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
function propertySpec(name: string, customFieldLabel?: string): PropertyCreate | null {
  if (isFerryOwned(name)) return { name, groupName: PROPERTY_GROUP, ...SPECS[name] };
  if (!name.startsWith(CUSTOM_FIELD_PREFIX)) return null;
  const label = customFieldLabel?.trim() || name.slice(CUSTOM_FIELD_PREFIX.length).replace(/_/g, ' ');
  return { name, groupName: PROPERTY_GROUP, ...area(`${label} (Ferry)`, `The custom field "${label}" from Ferry.`) };
}

/**
 * HubSpot allows at most ten unique-value properties per object (the properties
 * guide; docs/vendor-facts.md). `ferry_id` needs one of them.
 */
const MAX_UNIQUE_PROPERTIES = 10;

/**
 * Remembers which contact properties exist in the portal (loaded once per
 * connector, then kept up to date by what Ferry creates).
 */
export class PropertyRegistry {
  private known: Set<string> | null = null;
  private uniqueCount = 0;

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
    this.uniqueCount = results.filter((p) => p.hasUniqueValue === true).length;
    return this.known;
  }

  /**
   * Creates every Ferry property among `names` that the portal lacks, all in one
   * batch call (POST /crm/v3/properties/contacts/batch/create). Names that are
   * neither Ferry's nor present (a standard property) are left to HubSpot.
   * `labels` maps a custom-field property name to the field's name in Ferry.
   */
  async ensure(apis: HubSpotApis, names: Iterable<string>, labels: ReadonlyMap<string, string> = new Map()): Promise<string[]> {
    const known = this.known ?? (await this.load(apis));
    const specs = [...new Set(names)].filter((n) => !known.has(n)).flatMap((n) => {
      const spec = propertySpec(n, labels.get(n));
      return spec ? [spec] : [];
    });
    if (specs.length === 0) return [];
    if (specs.some((s) => s.hasUniqueValue) && this.uniqueCount >= MAX_UNIQUE_PROPERTIES) {
      throw new SyncError('config', `Your HubSpot account already has ${this.uniqueCount} contact properties that require unique values, the most HubSpot allows, so Ferry cannot add its "Ferry ID" property. In HubSpot, turn off "Require unique values" on a contact property you no longer need (Settings → Properties), then reconnect.`, { crmError: `${this.uniqueCount} unique-value contact properties; HubSpot allows ${MAX_UNIQUE_PROPERTIES}` });
    }
    const response = await apis.propertiesBatch.create('contacts', { inputs: specs });
    const created = (response.results ?? []).map((p) => p.name);
    const failed = 'errors' in response && (response.errors ?? []).length > 0;
    // some already existed (another Ferry process or an admin made them meanwhile):
    // that is the goal; look again so every name Ferry relies on is really there
    if (failed) await this.load(apis);
    for (const name of created) known.add(name);
    if (failed) {
      const missing = specs.filter((s) => !this.known?.has(s.name)).map((s) => s.name);
      if (missing.length > 0) {
        throw new SyncError('config', `HubSpot did not create the Ferry properties ${missing.join(', ')}. Reconnect HubSpot; if it happens again, check the properties in HubSpot's settings.`, { crmError: JSON.stringify(response.errors ?? []).slice(0, 2000) });
      }
    }
    this.uniqueCount += specs.filter((s) => s.hasUniqueValue && created.includes(s.name)).length;
    return created;
  }
}
