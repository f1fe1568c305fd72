import {
  exportContactsCsvString, importContactsBuffer, importContactsText, previewContactsBuffer, previewContactsText, rememberMapping,
  toChoiceMap, type ImportReport,
} from '../import/index';
import type { ImportPreviewView, ImportReportView } from '../../preload/schemas/contacts-api';
import type { ImportRequest } from '../services/ports';
import type { Db } from '../store/db';

/** main/import adapted to the services' ContactFiles port (loaded on first use by runtime/adapters.ts). */
function toImportReportView(fileName: string, r: ImportReport): ImportReportView {
  return {
    fileName,
    format: r.format,
    encoding: r.encoding,
    layout: r.layout ?? (r.format === 'vcard' ? 'vCard' : 'CSV'),
    headerLine: r.headerLine ?? null,
    delimiter: r.delimiter ?? null,
    skippedRows: r.skippedRows ?? 0,
    columns: (r.columns ?? []).map((c) => ({ ...c, samples: [...c.samples] })),
    total: r.total,
    added: r.added,
    updated: r.updated,
    unchanged: r.unchanged,
    merged: r.merged,
    rejected: r.rejected.map((x) => ({ line: x.line, reason: x.reason })),
    warnings: r.warnings.map((w) => ({ line: w.line, message: w.message })),
    warningCount: r.warningCount,
    mergedRows: r.mergedRows.map((m) => ({ line: m.line, into: m.into, reason: m.reason })),
    strict: r.strict,
    written: !r.aborted,
    unusable: r.unusable,
    message: r.message,
  };
}

function runImport(db: Db, req: ImportRequest, dryRun: boolean): ImportReport {
  const opts = { strict: req.strict, region: req.region, fileName: req.fileName, ...(req.mapping ? { mapping: toChoiceMap(req.mapping) } : {}) };
  if (req.content.kind === 'bytes') {
    return (dryRun ? previewContactsBuffer : importContactsBuffer)(db, req.cardId, req.content.data, opts);
  }
  return (dryRun ? previewContactsText : importContactsText)(db, req.cardId, req.content.data, opts);
}

export const contactFiles = {
  previewFile(db: Db, req: ImportRequest): ImportPreviewView {
    const report = runImport(db, req, true);
    // A preview writes nothing, so "written" is false; wouldWrite says what the import would do.
    return { ...toImportReportView(req.fileName, report), written: false, wouldWrite: !report.aborted };
  },
  importFile(db: Db, req: ImportRequest): ImportReportView {
    const report = runImport(db, req, false);
    // The user's mapping is remembered for the next file with the same header row.
    if (req.mapping && report.columns && report.columns.length > 0) {
      rememberMapping(db, report.columns.map((c) => c.header), req.mapping);
    }
    return toImportReportView(req.fileName, report);
  },
  exportCsv: (db: Db, cardId: number): string => exportContactsCsvString(db, cardId),
};

