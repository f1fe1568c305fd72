export { startMailchimpSandbox, type MailchimpSandbox, type MailchimpSandboxOptions } from './server';
export type { MailchimpSandboxAdmin, MailchimpSnapshot } from './admin';
export { SANDBOX_AUDIENCE_ID, subscriberHash, type SandboxMember, type MailchimpStoreData } from './state';
export { MAX_BATCH_MEMBERS } from './routes';
