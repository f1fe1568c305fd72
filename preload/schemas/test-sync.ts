import { z } from 'zod';
import type { RunSummaryView } from './sync-log';

/** "Test sync": send a few chosen contacts first and read back what the CRM now holds. */
export const testSyncInputSchema = z.object({
  connectionId: z.number().int().positive(),
  /** how many pending contacts to send when none are named (default 5) */
  count: z.number().int().min(1).max(50).optional(),
  /** these contacts (they must be waiting to be sent) */
  contactIds: z.array(z.number().int().positive()).min(1).max(50).optional(),
}).strict();

export interface TestSyncField {
  field: string;
  /** what Ferry sent */
  sent: string | null;
  /** what the CRM holds now, read back after the write */
  crm: string | null;
}

export interface TestSyncContact {
  contactId: number;
  name: string;
  /** the CRM record, when it was written */
  externalId: string | null;
  /** its page in the CRM's web app, when Ferry can build one (sandboxes have none) */
  recordUrl: string | null;
  outcome: 'created' | 'updated' | 'unchanged' | 'not sent';
  /** the sentence of a failure, when the contact was not written */
  problem: string | null;
  fields: TestSyncField[];
}

export interface TestSyncReport {
  run: RunSummaryView;
  contacts: TestSyncContact[];
  /** contacts still waiting for the full sync */
  stillPending: number;
}
