import type { Clock } from '../shared/clock';
import type { Reply, SandboxRequest } from '../shared/http';
import type { MailchimpStore } from './state';

export interface MailchimpSettings {
  /** e-mails matching this are refused as fake or invalid (injected bad records) */
  rejectEmailPattern: RegExp | undefined;
}

export interface MailchimpContext {
  store: MailchimpStore;
  settings: MailchimpSettings;
  now: Clock;
}

export type MailchimpHandler = (req: SandboxRequest, ctx: MailchimpContext) => Reply | Promise<Reply>;
