import { z } from 'zod';

/**
 * A destination is data (STYLE.md: "providers are data"): what every layer
 * needs to know about HubSpot, Salesforce, Zapier or a webhook, declared once
 * and validated when this module loads. The registry, the contract's enums,
 * the store's kind check, the screens' forms and labels, the CLI, OAuth, the
 * endpoint policy and the window's link policy read it; code branches on these
 * fields, never on a destination's name. The driver (main/crm/<id>/) and the
 * sandbox (main/sandbox/<id>/) are the only other places a destination lives.
 *
 * Shared by main and the renderer: plain data, no Node APIs.
 */

/**
 * The descriptors' vocabulary. A destination that needs a new name for a typed
 * credential, a vault entry or a connection setting adds it here; the contract,
 * the store and the vault read these lists, so nothing else changes.
 */
/** a typed credential's name in the contract (connect's `secrets`, or `config` through `configField`) */
export const CREDENTIAL_KEYS = ['token', 'hookUrl', 'webhookSecret', 'instanceUrl', 'webhookUrl', 'object', 'audience', 'region', 'orgUrl'] as const;
/** the vault entries a typed secret is kept under (OAuth tokens have their own, main/secrets/vault.ts) */
export const CREDENTIAL_VAULT_ENTRIES = ['private_app_token', 'access_token', 'hook_url', 'webhook_secret'] as const;
/**
 * the connection settings a typed value becomes: `baseUrl` is where the
 * credentials go (checked by the endpoint policy), `object` what is written;
 * any other is a plain text setting a driver reads (an audience, a region)
 */
export const CONNECTION_SETTINGS = ['baseUrl', 'object', 'audience', 'region'] as const;
/** how a connection authenticates: a browser sign-in, or what its typed credentials are */
export const AUTH_STYLES = ['private-app', 'oauth', 'hook-url', 'signed', 'api-key'] as const;

/**
 * How a typed value is checked, the same in the form (before anything is sent)
 * and in main (before anything is stored). `message` is what the rep reads.
 */
const credentialCheckSchema = z.discriminatedUnion('rule', [
  /** anything but blank */
  z.object({ rule: z.literal('present'), message: z.string().min(1) }).strict(),
  z.object({ rule: z.literal('minLength'), min: z.number().int().positive(), message: z.string().min(1) }).strict(),
  /**
   * an address: https, or (with `loopbackHttp`) plain http to this computer, a
   * local test receiver; `pattern` (a regular expression over the whole URL) narrows it
   */
  z.object({ rule: z.literal('url'), loopbackHttp: z.boolean(), pattern: z.string().optional(), message: z.string().min(1) }).strict(),
]);

/** One of a choice field's options: the value stored and the words shown. */
const choiceSchema = z.object({ value: z.string().min(1), label: z.string().min(1) }).strict();

/** A value the rep gives when connecting with a token or an address. */
const credentialFieldSchema = z.object({
  /** the contract's name for it (connect's `secrets` or `config`) */
  key: z.enum(CREDENTIAL_KEYS),
  label: z.string().min(1),
  /** a secret goes to the OS keychain under this entry; anything else is the connection's config */
  vaultEntry: z.enum(CREDENTIAL_VAULT_ENTRIES).optional(),
  /** the connection's config field a non-secret value becomes */
  configField: z.enum(CONNECTION_SETTINGS).optional(),
  /** `text`: a plain value typed as it is (an id), shown as typed */
  input: z.enum(['secret', 'url', 'choice', 'text']),
  /** a choice field's options, the first being the default */
  choices: z.array(choiceSchema).min(1).optional(),
  check: credentialCheckSchema.optional(),
  /**
   * the value is itself where contacts are sent (a hook or webhook URL): on
   * loopback the connection is a local test receiver, and its card says so
   */
  isAddress: z.boolean().optional(),
  /** the form offers to make one: a signing secret the rep then copies to the receiver */
  generate: z.literal('signing-secret').optional(),
  placeholder: z.string().optional(),
  /** a sentence under the field: where to find it, what it needs */
  hint: z.string().optional(),
  /** the variable a headless run (`ferry connect`) reads it from */
  env: z.string().regex(/^[A-Z][A-Z0-9_]*$/).optional(),
  /** the CLI option that carries a non-secret value */
  cliOption: z.string().regex(/^--[a-z][a-z-]*$/).optional(),
}).strict()
  .refine((f) => (f.vaultEntry === undefined) !== (f.configField === undefined), { message: 'a credential field is either a vault entry or a config field' })
  .refine((f) => (f.input === 'choice') === (f.choices !== undefined), { message: 'a choice field, and only a choice field, lists its choices' });

/** Browser sign-in (authorization code + PKCE); endpoints are paths on the `auth` and `api` bases. */
const oauthSchema = z.object({
  bases: z.object({ auth: z.string().url(), api: z.string().url() }).strict(),
  authorizePath: z.string().startsWith('/'),
  tokenPath: z.string().startsWith('/'),
  revoke: z.discriminatedUnion('style', [
    /** DELETE {api}{path with {token}}: HubSpot */
    z.object({ style: z.literal('delete-path'), path: z.string().includes('{token}') }).strict(),
    /** POST {api}{path} with form `token=` (RFC 7009): Salesforce */
    z.object({ style: z.literal('form-post'), path: z.string().startsWith('/') }).strict(),
    z.object({ style: z.literal('none') }).strict(),
  ]),
  /**
   * May be empty: Pipedrive sets scopes on the app, Mailchimp has none; the
   * authorize address then carries no `scope` at all
   */
  defaultScopes: z.array(z.string().min(1)),
  /**
   * Scopes built from the connection's API base (the resource the token is
   * for), sent before `defaultScopes`: `{origin}` is that base's origin.
   * Dynamics 365: `{origin}/user_impersonation`, so the token is bound to the
   * organisation the rep named; such a sign-in needs that address first.
   */
  scopesFromApiBase: z.array(z.string().includes('{origin}')).min(1).optional(),
  /** a refresh repeats the scopes (the Microsoft identity platform asks for them on every refresh) */
  refreshSendsScope: z.boolean().optional(),
  /** the token endpoint needs a client secret (HubSpot apps are confidential) */
  requiresClientSecret: z.boolean(),
  /**
   * How the client proves itself at the token endpoint: `form` (client_id and
   * any secret in the form body, the default) or `basic` (HTTP Basic with
   * client_id:client_secret, RFC 6749 §2.3.1; Pipedrive asks for it)
   */
  clientAuth: z.enum(['form', 'basic']).optional(),
  /**
   * The paths hold `{tenant}`: the directory the app is registered in (the
   * Microsoft identity platform), this value unless the installation names its
   * own (oauth-clients.json `tenant`, FERRY_<CRM>_TENANT)
   */
  tenant: z.object({ default: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/) }).strict().optional(),
  /**
   * The provider matches a loopback redirect URI whatever its port (RFC 8252
   * §7.3; Microsoft's "localhost exceptions"), so Ferry listens on a free port
   * each time instead of the fixed one an exact-match provider needs
   */
  redirectAnyPort: z.boolean().optional(),
  /**
   * After the code is redeemed, a GET to `{api}{path}` with
   * `Authorization: <authScheme> <access token>` names the account's API base
   * in `field` (Mailchimp's metadata and its api_endpoint); `apiPath` is added
   * to it. Checked against `hosts.api` like a token answer's address.
   */
  accountLookup: z.object({
    path: z.string().startsWith('/'),
    authScheme: z.string().regex(/^[A-Za-z]+$/),
    field: z.string().min(1),
    apiPath: z.string().regex(/^(?:\/[A-Za-z0-9.]+)*$/),
  }).strict().optional(),
  /**
   * The typed settings (credential keys of config fields) a rep gives with a
   * browser sign-in, because the sign-in cannot learn them: Dynamics 365's
   * organisation address, Mailchimp's audience
   */
  askWithSignIn: z.array(z.enum(CREDENTIAL_KEYS)).optional(),
  extraAuthorizeParams: z.record(z.string(), z.string()),
  /** a refresh may return a new refresh token that replaces the old one */
  mayRotateRefreshToken: z.boolean(),
  /** the OAuth API base is also the CRM's API base (HubSpot answers both on api.hubapi.com), so a configured one is the connection's too */
  apiBaseIsCrmBase: z.boolean(),
  /**
   * The callback's query parameter that names the server the code must be
   * redeemed at (and the tokens renewed and revoked at) when the user's account
   * lives elsewhere than where the sign-in started: Zoho's Multi DC
   * `accounts-server`. It must be one of the destination's API hosts.
   */
  callbackTokenServerParam: z.string().min(1).optional(),
  /** the host the browser is sent back to: HubSpot accepts plain http only for `localhost` */
  redirectHost: z.enum(['localhost', '127.0.0.1']),
  /**
   * What to tell the user when a refresh is refused with `invalid_client` although
   * sign-in worked: the app setting that blocks a public client's refresh.
   */
  refreshClientRejectedHint: z.string().min(1).optional(),
  /**
   * What to tell the user when the token endpoint refuses the client
   * (`invalid_client`) while redeeming a sign-in: the app setting that usually
   * causes it (Microsoft: a Web redirect URI, which demands a secret).
   */
  signInClientRejectedHint: z.string().min(1).optional(),
}).strict()
  .refine((o) => (o.tenant !== undefined) === `${o.authorizePath}${o.tokenPath}`.includes('{tenant}'), { message: 'a provider with a tenant names it in its paths ({tenant}), and only then' });

/**
 * Something Ferry can set up in the CRM account on the rep's word (a button on
 * its card, `ferry <destination> <id>` in the CLI), e.g. a field Ferry needs;
 * the driver carries it out (Connector.runSetupAction) and says what it did.
 * Running it again changes nothing.
 */
const setupActionSchema = z.object({
  /** the CLI's word for it: `ferry salesforce add-ferry-id` */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** the button's words */
  label: z.string().min(1),
  /** one line: what it does and what it needs (CLI help, the button's hint) */
  summary: z.string().min(1),
}).strict();

const descriptorSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9]*$/),
  /** the product's name, for labels: "HubSpot" */
  name: z.string().min(1),
  /** how a sentence names it: "HubSpot", "your webhook" */
  sentenceName: z.string().min(1),
  /**
   * true when a 2xx proves only receipt (Zapier, webhooks): the words are
   * "delivered to …", never "synced"
   */
  deliversOnly: z.boolean(),
  /**
   * true when Ferry can read the destination's records back (pull and two-way,
   * docs/pull.md): exactly when its driver's connector has `pull`
   * (tests/unit/destination-parts.test.ts). Otherwise its direction stays push.
   */
  reads: z.boolean(),
  /**
   * true when the destination matches a contact Ferry has not linked yet to the record it
   * already has with that e-mail (HubSpot's batch upsert by e-mail, Zoho CRM's upsert
   * duplicate check on Email, Salesforce's e-mail lookup and duplicate rules, Mailchimp's
   * member per address). Two Ferry contacts with one e-mail would then write one record,
   * so the second is held with a sentence naming the first (main/sync/shared-email.ts).
   */
  matchesOnEmail: z.boolean(),
  /**
   * What a contact deleted on one side can do on the other (README "Deletes", checked
   * against the driver in tests/unit/destination-parts.test.ts):
   * - `removed`: what removing its record does there, ending "Contacts deleted in Ferry
   *   are …" ("archived in HubSpot (…)"); its first word, "archived" or "deleted", is the
   *   verb every other sentence and choice uses (removedVerb); absent when its record
   *   actions cannot remove;
   * - `marked`: how Ferry marks a kept record instead, ending the same sentence; absent
   *   when its record actions cannot mark;
   * - `listed`: a pull learns which records were deleted there (Connector.deletedRecords);
   * - `listedVerb`: what its users call what the pull learns of, where it is not "deleted":
   *   Mailchimp lists archived members only (a member deleted for good is gone from every list);
   * - `erased`: what "Forget this person" does there, in the words of its confirmation.
   * - `listedNeeds`: a sentence on what the CRM must have switched on for that, said
   *   with the choice (Dynamics 365: change tracking on contacts); only when listed.
   */
  deletes: z.object({
    removed: z.string().regex(/^(archived|deleted) in /, 'starts with "archived in" or "deleted in"').optional(),
    marked: z.string().regex(/^marked "[^"]+"/, 'starts with marked "…" (the words a run\'s counts use, markedWords)').optional(),
    listed: z.boolean(),
    listedVerb: z.literal('archived').optional(),
    /** what "Forget this person" does there, after "deletes record X in <CRM> — " in its confirmation (README "Duplicates, merge and forget") */
    erased: z.string().min(1).optional(),
    listedNeeds: z.string().min(1).optional(),
  }).strict().refine((d) => d.listed || d.listedNeeds === undefined, { message: 'only a destination that lists its deletes says what listing them needs' }),
  /**
   * A delivery destination's test event (one event that carries no contact):
   * the button's words, and where the rep should look for it
   */
  testEvent: z.object({ button: z.string().min(1), arrivesAt: z.string().min(1) }).strict().optional(),
  /** one line under its tile in Add integration */
  blurb: z.string().min(1),
  /**
   * A sentence its connection card always shows: what the destination does with
   * contacts that a rep must not miss (Mailchimp: who is subscribed, who is not)
   */
  cardNote: z.string().min(1).optional(),
  /** the README section that says how to connect it */
  docsAnchor: z.string().startsWith('#'),
  /** one line under its sandbox's tile: what the local stand-in does */
  sandboxBlurb: z.string().min(1).optional(),
  /** what a rep types to connect without OAuth */
  credentials: z.array(credentialFieldSchema),
  /** the connection's `auth` when it is connected with those typed credentials */
  typedAuth: z.enum(AUTH_STYLES).exclude(['oauth']).optional(),
  oauth: oauthSchema.optional(),
  /**
   * Hosts (regular expressions over the lower-cased host name):
   * - `api`: where its credentials may be sent (loopback aside); empty when any
   *   https host may be (a webhook's own URL);
   * - `web`: pages the app may open in the system browser (sign-in, records).
   */
  hosts: z.object({ api: z.array(z.string()), web: z.array(z.string()) }).strict(),
  /** the API base when the connection sets none */
  defaultApiBase: z.string().url().optional(),
  /** requests per window when the CRM has said nothing yet */
  rateLimit: z.object({ requests: z.number().int().positive(), perMs: z.number().int().positive() }).strict(),
  /**
   * Its record's page in its own web app, with {host} (the account's app host,
   * else `recordHostDefault`), {origin} (the connection's https origin),
   * {account}, {object} and {id}; absent when there is none.
   */
  recordUrl: z.string().optional(),
  recordHostDefault: z.string().optional(),
  /** Ferry ships a local sandbox of it (main/sandbox/<id>/) */
  sandbox: z.boolean(),
  /** what Ferry can set up in the account when the rep asks (see setupActionSchema) */
  setupActions: z.array(setupActionSchema).optional(),
}).strict().refine((d) => !d.sandbox || d.sandboxBlurb !== undefined, { message: 'a destination with a sandbox says what it does (sandboxBlurb)' })
  .refine((d) => d.reads || !d.deletes.listed, { message: 'only a destination Ferry reads can list its deleted records' })
  .refine((d) => (d.oauth?.askWithSignIn ?? []).every((key) => d.credentials.some((f) => f.key === key && f.configField !== undefined)), { message: 'a sign-in asks only for the destination\'s own non-secret settings (askWithSignIn)' })
  .refine((d) => d.oauth?.scopesFromApiBase === undefined || (d.oauth.askWithSignIn ?? []).some((key) => d.credentials.some((f) => f.key === key && f.configField === 'baseUrl')), { message: 'scopes built from the API base need that address asked with the sign-in' });

export type DestinationDescriptor = z.infer<typeof descriptorSchema>;
export type CredentialField = DestinationDescriptor['credentials'][number];
export type CredentialCheck = NonNullable<CredentialField['check']>;
export type OAuthDescriptor = NonNullable<DestinationDescriptor['oauth']>;
export type SetupAction = NonNullable<DestinationDescriptor['setupActions']>[number];

/** Validates a descriptor when its module loads: a broken descriptor stops Ferry at start, not mid-sync. */
export function defineDestination<const Id extends string>(descriptor: DestinationDescriptor & { id: Id }): DestinationDescriptor & { id: Id } {
  const parsed = descriptorSchema.safeParse(descriptor);
  if (!parsed.success) throw new Error(`Destination '${descriptor.id}' is not valid: ${parsed.error.message}`);
  const checkPatterns = descriptor.credentials.flatMap((f) => (f.check?.rule === 'url' && f.check.pattern !== undefined ? [f.check.pattern] : []));
  for (const pattern of [...descriptor.hosts.api, ...descriptor.hosts.web, ...checkPatterns]) new RegExp(pattern, 'u');
  return descriptor;
}
