import type { Migration } from './types';
import { initial } from './001-initial';
import { connectionsAutoincrement } from './002-connections-autoincrement';
import { outboxEveryMode } from './003-outbox-every-mode';
import { companyLinks } from './004-company-links';
import { pull } from './005-pull';
import { potentialDuplicateDismissals } from './006-potential-duplicate-dismissals';
import { deleteCounts } from './007-delete-counts';
import { heldCounts } from './008-held-counts';
import { stampJobs } from './009-stamp-jobs';

/** Append only. Never edit a migration that has shipped: add the next one. */
export const migrations: readonly Migration[] = [initial, connectionsAutoincrement, outboxEveryMode, companyLinks, pull, potentialDuplicateDismissals, deleteCounts, heldCounts, stampJobs];

export const LATEST_SCHEMA_VERSION = migrations.length;
