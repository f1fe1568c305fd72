import * as companies from '@hubspot/api-client/lib/codegen/crm/companies/index';
import * as contacts from '@hubspot/api-client/lib/codegen/crm/contacts/index';
import * as associations from '@hubspot/api-client/lib/codegen/crm/associations/v4/index';
import * as notes from '@hubspot/api-client/lib/codegen/crm/objects/notes/index';
import * as properties from '@hubspot/api-client/lib/codegen/crm/properties/index';
import { send, type TransportOptions, type WireRequest } from './transport';

/**
 * The official SDK's generated API classes (the ones `new Client()` wraps), wired
 * to Ferry's transport. Why not `new Client({ accessToken, basePath })`:
 * - its decorators (retry, limiter) live in a process-wide singleton that the
 *   most recently constructed Client sets, so any other Client with retries would
 *   silently add retries (and console logging) to ours;
 * - it bakes the token into its configuration at construction, so a refreshed
 *   token would need a new Client, and the token would sit in SDK state;
 * - its node-fetch transport has no timeout or abort, and a per-call `httpApi`
 *   option is ignored by the generated code.
 * Here the SDK keeps building and parsing requests exactly as it does for
 * Client, with no decorators (so `numberOfApiCallRetries` is in effect 0 and the
 * SDK never logs), and every byte goes through transport.ts.
 */

export const DEFAULT_BASE_PATH = 'https://api.hubapi.com';

export interface HubSpotApis {
  contacts: contacts.BatchApi;
  /** the list endpoint (a first full pull) */
  contactPages: contacts.BasicApi;
  /** search on lastmodifieddate (incremental pulls) */
  contactSearch: contacts.SearchApi;
  /** batch upsert by Ferry's unique company key */
  companies: companies.BatchApi;
  /** finding the team's existing companies by domain */
  companySearch: companies.SearchApi;
  notes: notes.BatchApi;
  /** v4 association batches: reads (contact → notes), default associations and archives (contact → company) */
  associations: associations.BatchApi;
  properties: properties.CoreApi;
  propertiesBatch: properties.BatchApi;
}

function library<Res>(make: (status: number, headers: Record<string, string>, body: { text(): Promise<string>; binary(): Promise<Buffer> }) => Res, options: TransportOptions) {
  return {
    async send(request: WireRequest): Promise<Res> {
      const r = await send(request, options);
      return make(r.status, r.headers, r.body);
    },
  };
}

/** API handles for one push or prepare: the transport carries that call's hooks. */
export function hubSpotApis(basePath: string, options: TransportOptions): HubSpotApis {
  const base = basePath.replace(/\/+$/, '');
  const contactsConfig = contacts.createConfiguration({
    baseServer: new contacts.ServerConfiguration(base, {}),
    httpApi: contacts.wrapHttpLibrary(library((s, h, b) => new contacts.ResponseContext(s, h, b), options)),
  });
  const companiesConfig = companies.createConfiguration({
    baseServer: new companies.ServerConfiguration(base, {}),
    httpApi: companies.wrapHttpLibrary(library((s, h, b) => new companies.ResponseContext(s, h, b), options)),
  });
  const notesConfig = notes.createConfiguration({
    baseServer: new notes.ServerConfiguration(base, {}),
    httpApi: notes.wrapHttpLibrary(library((s, h, b) => new notes.ResponseContext(s, h, b), options)),
  });
  const associationsConfig = associations.createConfiguration({
    baseServer: new associations.ServerConfiguration(base, {}),
    httpApi: associations.wrapHttpLibrary(library((s, h, b) => new associations.ResponseContext(s, h, b), options)),
  });
  const propertiesConfig = properties.createConfiguration({
    baseServer: new properties.ServerConfiguration(base, {}),
    httpApi: properties.wrapHttpLibrary(library((s, h, b) => new properties.ResponseContext(s, h, b), options)),
  });
  return {
    contacts: new contacts.BatchApi(contactsConfig),
    contactPages: new contacts.BasicApi(contactsConfig),
    contactSearch: new contacts.SearchApi(contactsConfig),
    companies: new companies.BatchApi(companiesConfig),
    companySearch: new companies.SearchApi(companiesConfig),
    notes: new notes.BatchApi(notesConfig),
    associations: new associations.BatchApi(associationsConfig),
    properties: new properties.CoreApi(propertiesConfig),
    propertiesBatch: new properties.BatchApi(propertiesConfig),
  };
}
