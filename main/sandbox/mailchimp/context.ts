import type { Clock } from '../shared/clock';
import type { Reply, SandboxRequest } from '../shared/http';
import type { MailchimpStore } from './state';

export interface MailchimpSettings {
  /** e-mails matching this are refused as fake or invalid (injected bad records) */
  rejectEmailPattern: RegExp | undefined;
  /** merge fields an audience may have, its defaults included (MAX_MERGE_FIELDS) */
  maxMergeFields: number;
  /**
   * How the batch answers a subscribe Mailchimp may not do (an unsubscribed or cleaned
   * member): 'errors' puts it in errors[] (the single-member routes' 400, as a batch
   * error); 'silent' updates the member but leaves its status, as reported in
   * strangerstudios/pmpro-mailchimp#151. Mailchimp documents neither; Ferry handles both.
   */
  batchComplianceAnswer: 'errors' | 'silent';
}

export interface MailchimpContext {
  store: MailchimpStore;
  settings: MailchimpSettings;
  now: Clock;
}

export type MailchimpHandler = (req: SandboxRequest, ctx: MailchimpContext) => Reply | Promise<Reply>;
