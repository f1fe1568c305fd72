import type { ImportReportView } from '../../preload/schemas/contacts-api';
import type { ContactFiles, ImportRequest } from '../../main/services/ports';
import { createContact, iterateContacts } from '../../main/store/contacts';
import type { Db } from '../../main/store/db';

/**
 * A minimal importer for tests of the layers above main/import: one contact per
 * line, "first,last,email". A line without an "@" in the e-mail is rejected;
 * like the real one, the valid lines are written unless the request is strict.
 */
function fakeImport(db: Db, req: ImportRequest, dryRun: boolean): ImportReportView {
  const text = req.content.kind === 'text' ? req.content.data : req.content.data.toString('utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const rejected = lines.flatMap((l, i) => (l.split(',')[2]?.includes('@') ? [] : [{ line: i + 1, reason: 'The e-mail address is missing.' }]));
  const write = !dryRun && (rejected.length === 0 || !req.strict);
  const valid = lines.filter((l) => l.split(',')[2]?.includes('@'));
  if (write) {
    for (const l of valid) {
      const [firstName = '', lastName = '', email = ''] = l.split(',');
      createContact(db, req.cardId, { firstName, lastName, emails: [{ value: email }] }, { region: req.region });
    }
  }
  const added = write || dryRun ? valid.length : 0;
  return {
    fileName: req.fileName, format: 'csv', encoding: 'utf-8', layout: 'Spreadsheet', headerLine: null, delimiter: ',', skippedRows: 0, columns: [],
    total: lines.length, added, updated: 0, unchanged: 0, merged: 0, rejected, warnings: [], warningCount: 0, mergedRows: [],
    strict: req.strict, written: write, unusable: false, message: write ? `Added ${added} contacts.` : 'Nothing was imported.',
  };
}

export const fakeContactFiles: ContactFiles = {
  async previewFile(db, req) {
    const report = fakeImport(db, req, true);
    return { ...report, wouldWrite: report.rejected.length === 0 || !req.strict };
  },
  importFile: async (db, req) => fakeImport(db, req, false),
  async exportCsv(db, cardId) {
    const rows = ['first,last,email'];
    for (const c of iterateContacts(db, cardId)) rows.push(`${c.firstName},${c.lastName},${c.emails[0]?.value ?? ''}`);
    return `${rows.join('\n')}\n`;
  },
};
