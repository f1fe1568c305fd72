import type { Migration } from './types';
import { initial } from './001-initial';

/** Append only. Never edit a migration that has shipped: add the next one. */
export const migrations: readonly Migration[] = [initial];

export const LATEST_SCHEMA_VERSION = migrations.length;
