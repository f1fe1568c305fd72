/**
 * Channel and event names without their schemas, so the sandboxed preload can
 * expose the API without bundling zod. contract.ts fails to compile when this
 * list and the contract's keys differ.
 */
export const CHANNEL_NAMES = [
  'getAppInfo',
  'setOnline',
  'listCards',
  'createCard',
  'listContacts',
  'searchContacts',
  'getContact',
  'createContact',
  'updateContact',
  'deleteContact',
  'deleteContacts',
  'tagContacts',
  'previewImport',
  'restoreContacts',
  'removeDemoContacts',
  'importContacts',
  'exportContacts',
  'listConnections',
  'listSandboxes',
  'connect',
  'disconnect',
  'reconnect',
  'setMode',
  'syncNow',
  'syncAll',
  'cancelSync',
  'dryRun',
  'testSync',
  'getFilter',
  'setFilter',
  'previewFilter',
  'testDelivery',
  'pauseConnection',
  'resumeConnection',
  'retryQuarantined',
  'runSetupAction',
  'listOAuthProviders',
  'startOAuthConnect',
  'startOAuthReconnect',
  'cancelOAuthConnect',
  'listRuns',
  'getRun',
  'listEvents',
  'exportLog',
  'getStats',
  'getSettings',
  'updateSettings',
  'exportConfig',
  'importConfig',
  'getPolicy',
  'importPolicy',
  'getMapping',
  'setMappingField',
  'resetMapping',
  'setMappingRules',
  'previewMapping',
  'getPullRules',
  'setDirection',
  'setFieldRule',
  'pullNow',
  'listConflicts',
  'resolveConflict',
  'getContactHistory',
  'getPotentialDuplicates',
  'listPotentialDuplicates',
  'dismissPotentialDuplicate',
  'getPullCounts',
  'listDuplicates',
  'dismissDuplicates',
  'previewMerge',
  'mergeContacts',
  'forgetPlan',
  'forgetContact',
  'getDeletes',
  'setDeletes',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const EVENT_NAMES = ['syncProgress', 'pullProgress', 'connectionStatus', 'runFinished', 'contactChanged', 'notification', 'oauthUrl'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** The IPC channel that carries every call, and the one that carries every event. */
export const IPC_CALL = 'ferry:call';
export const IPC_EVENT = 'ferry:event';

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && (CHANNEL_NAMES as readonly string[]).includes(name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
