import { z } from 'zod';
import { idSchema } from './common';
import type { Contact } from './contact';

/** Local duplicates, merge and "forget this person": channel inputs and outputs. */

/** The fields a merge chooses, one by one. */
export const MERGE_FIELDS = ['firstName', 'lastName', 'company', 'title', 'website', 'notes', 'emails', 'phones', 'addresses', 'tags', 'customFields', 'meeting'] as const;
export type MergeField = typeof MERGE_FIELDS[number];
/** keep: the survivor's value; other: the merged-away contact's; both: lists only, the survivor's entries first */
export const MERGE_CHOICES = ['keep', 'other', 'both'] as const;
export type MergeChoice = typeof MERGE_CHOICES[number];

export const listDuplicatesInputSchema = z.object({ cardId: idSchema.optional() }).strict();

export const mergeInputSchema = z.object({
  keepId: idSchema,
  otherId: idSchema,
  choices: z.partialRecord(z.enum(MERGE_FIELDS), z.enum(MERGE_CHOICES)).default({}),
}).strict();

export const dismissDuplicatesInputSchema = z.object({ ids: z.array(idSchema).min(2).max(50) }).strict();

export interface MatchReasonView {
  rule: 'email' | 'phone' | 'name';
  /** the shared e-mail, the shared E.164 number, or (similar names) their company */
  value: string;
  contactIds: [number, number];
}

export interface DuplicateGroupView {
  contacts: Contact[];
  reasons: MatchReasonView[];
}

export interface MergeFieldPreview {
  field: MergeField;
  choice: MergeChoice;
  keep: string;
  other: string;
  result: string;
}

export interface MergePreviewView {
  keepId: number;
  otherId: number;
  fields: MergeFieldPreview[];
}

export interface CrmMergeOutcomeView {
  connectionId: number;
  crm: string;
  outcome: 'merged' | 'manual' | 'failed';
  message: string;
}

export interface MergeResultView extends MergePreviewView {
  crms: CrmMergeOutcomeView[];
}

/** Deletes in Ferry reaching a CRM: off (kept there, the default), archive (HubSpot archives, Salesforce deletes) or tag (kept and marked "Deleted in Ferry"). */
export const DELETE_MODES = ['off', 'archive', 'tag'] as const;
/** Deletes in the CRM reaching Ferry on pull: off (kept, logged; the default), delete (soft delete) or tag. */
export const FROM_CRM_DELETE_MODES = ['off', 'delete', 'tag'] as const;
export const connectionDeletesInputSchema = z.object({ connectionId: idSchema }).strict();
/** Either direction or both; a direction left out keeps its setting. */
export const setDeletesInputSchema = z.object({
  connectionId: idSchema, mode: z.enum(DELETE_MODES).optional(), fromCrm: z.enum(FROM_CRM_DELETE_MODES).optional(),
}).strict();

export interface DeletesView {
  connectionId: number;
  mode: typeof DELETE_MODES[number];
  /** false: the destination cannot delete records through its API */
  supported: boolean;
  /** true: the destination can keep a record and mark it "Deleted in Ferry" (mode 'tag') */
  tagSupported: boolean;
  /** what happens to a contact deleted in Ferry, in a sentence */
  sentence: string;
  /** what a pull does with a contact whose record the CRM deleted */
  fromCrm: typeof FROM_CRM_DELETE_MODES[number];
  /** false: Ferry cannot learn of deletes in this CRM */
  fromCrmSupported: boolean;
  /** what happens to a contact deleted in the CRM, in a sentence */
  fromCrmSentence: string;
}

/** What "Forget this person" will do in each CRM (the confirmation's lines). */
export interface ForgetPlanView {
  crms: { crm: string; action: string }[];
}

/** The record of a forget: a random reference and per-CRM outcomes, never the person. */
export interface ForgetRecordView {
  reference: string;
  at: number;
  crms: { connectionId: number; crm: string; outcome: 'erased' | 'failed' | 'manual'; message: string; externalId?: string }[];
}
