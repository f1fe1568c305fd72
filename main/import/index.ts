/** Contact import (CSV, vCard) and CSV export: the API the CLI, IPC and web services call. */
export {
  importContacts,
  importContactsBuffer,
  importContactsFile,
  importContactsText,
  previewContactsBuffer,
  previewContactsFile,
  previewContactsText,
  detectFormat,
  ImportFileError,
  type TextImportOptions,
} from './import-contacts';
export { exportContactsCsv, exportContactsCsvString } from './export-csv';
export { decodeText, type DecodedText } from './decode';
export { rememberMapping, toChoiceMap } from './mapping-memory';
export type {
  ColumnReport, ImportFormat, ImportOptions, ImportRecord, ImportReport, ImportWarning, MergedRow, RecordSource, RejectedRow,
} from './types';
