/** Contact import (CSV, vCard) and CSV export: the API the CLI, IPC and web services call. */
export {
  importContacts,
  importContactsBuffer,
  importContactsFile,
  importContactsText,
  detectFormat,
  ImportFileError,
  type TextImportOptions,
} from './import-contacts';
export { exportContactsCsv, exportContactsCsvString } from './export-csv';
export { decodeText, type DecodedText } from './decode';
export type { ImportFormat, ImportOptions, ImportRecord, ImportReport, RecordSource, RejectedRow } from './types';
