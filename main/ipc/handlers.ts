import type { Handlers } from '../../preload/contract';
import type { Services } from '../services/index';

/**
 * The handler map: one line per channel, from the contract's name to the
 * service that serves it. Its type is the contract's Handlers, so a missing
 * channel or a wrong output type fails to compile.
 */
export function buildHandlers(s: Services): Handlers {
  return {
    getAppInfo: async () => s.settings.appInfo(),
    setOnline: async (i) => s.settings.setOnline(i),

    listCards: async () => s.contacts.listCards(),
    createCard: async (i) => s.contacts.createCard(i),

    listContacts: async (i) => s.contacts.list(i),
    searchContacts: async (i) => s.contacts.search(i),
    getContact: async (i) => s.contacts.get(i),
    createContact: async (i) => s.contacts.create(i),
    updateContact: async (i) => s.contacts.update(i),
    deleteContact: async (i) => s.contacts.delete(i),
    deleteContacts: async (i) => s.contacts.deleteMany(i),
    tagContacts: async (i) => s.contacts.tagMany(i),
    previewImport: async (i) => s.contacts.previewImport(i),
    restoreContacts: async (i) => s.contacts.restore(i),
    removeDemoContacts: async (i) => s.contacts.removeDemo(i),
    importContacts: async (i) => s.contacts.import(i),
    exportContacts: async (i) => s.contacts.export(i),

    listConnections: (i) => s.connections.list(i),
    listSandboxes: async (i) => s.connections.listSandboxes(i),
    connect: (i) => s.connections.connect(i),
    disconnect: (i) => s.connections.disconnect(i),
    reconnect: (i) => s.connections.reconnect(i),
    setMode: (i) => s.connections.setMode(i),
    syncNow: (i) => s.connections.syncNow(i),
    syncAll: () => s.connections.syncAll(),
    cancelSync: async (i) => s.connections.cancel(i),
    dryRun: (i) => s.connections.dryRun(i),
    testSync: (i) => s.connections.testSync(i),
    getFilter: async (i) => s.connections.getFilter(i),
    setFilter: async (i) => s.connections.setFilter(i),
    previewFilter: async (i) => s.connections.previewFilter(i),
    testDelivery: (i) => s.connections.testDelivery(i),
    pauseConnection: (i) => s.connections.pause(i),
    resumeConnection: (i) => s.connections.resume(i),
    retryQuarantined: async (i) => s.connections.retryQuarantined(i),
    runSetupAction: (i) => s.connections.runSetupAction(i),
    listOAuthProviders: async () => s.oauth.providers(),
    startOAuthConnect: (i) => s.oauth.connect(i),
    startOAuthReconnect: (i) => s.oauth.reconnect(i),
    cancelOAuthConnect: async () => s.oauth.cancel(),

    listRuns: async (i) => s.syncLog.runs(i),
    getRun: async (i) => s.syncLog.run(i),
    listEvents: async (i) => s.syncLog.events(i),
    exportLog: async (i) => s.syncLog.exportCsv(i),
    getStats: async (i) => s.syncLog.stats(i),

    getSettings: async () => s.settings.get(),
    updateSettings: async (i) => s.settings.update(i),
    exportConfig: async (i) => s.configTransfer.exportConfig(i),
    importConfig: async (i) => s.configTransfer.importConfig(i),
    getPolicy: async () => s.policy.view(),
    importPolicy: async (i) => s.policy.importSigned(i),
    getMapping: (i) => s.mapping.view(i.connectionId),
    setMappingField: (i) => s.mapping.setField(i.connectionId, i.ferryField, i.rule),
    resetMapping: (i) => s.mapping.reset(i.connectionId, i.ferryField),
    setMappingRules: (i) => s.mapping.setRules(i.connectionId, i.rules, i.routing),
    previewMapping: (i) => s.mapping.preview(i.connectionId, i.contactIds),

    getPullRules: (i) => s.pull.rules(i.connectionId),
    setDirection: (i) => s.pull.setDirection(i.connectionId, i.direction),
    setFieldRule: (i) => s.pull.setFieldRule(i.connectionId, i.field, i.rule),
    pullNow: (i) => s.pull.pull(i.connectionId),
    listConflicts: async (i) => s.pull.conflicts(i),
    resolveConflict: (i) => s.pull.resolve(i.conflictId, 'take' in i ? { take: i.take } : { value: i.value }),
    getContactHistory: async (i) => s.pull.history(i.contactId, i.limit),
    getPotentialDuplicates: async (i) => s.pull.potentialDuplicates({ contactId: i.contactId }),
    listPotentialDuplicates: async (i) => s.pull.potentialDuplicates(i),
    dismissPotentialDuplicate: async (i) => { s.pull.dismissPotentialDuplicate(i); return null; },
    getPullCounts: async (i) => s.pull.counts(i.connectionId),
    listDuplicates: async (i) => s.duplicates.list(i),
    dismissDuplicates: async (i) => s.duplicates.dismiss(i),
    previewMerge: async (i) => s.duplicates.preview(i),
    mergeContacts: (i) => s.duplicates.merge(i),
    forgetPlan: (i) => s.duplicates.forgetPlan(i),
    forgetContact: (i) => s.duplicates.forget(i),
    getDeletes: async (i) => s.duplicates.deletes(i),
    setDeletes: async (i) => s.duplicates.setDeletes(i),
  };
}
