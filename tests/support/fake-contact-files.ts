import type { ContactFiles } from '../../main/services/ports';
import { createContact, iterateContacts } from '../../main/store/contacts';

/**
 * A minimal importer for tests of the layers above main/import: one contact per
 * line, "first,last,email". A line without an "@" in the e-mail is rejected.
 */
export const fakeContactFiles: ContactFiles = {
  importFile(db, req) {
    const text = req.content.kind === 'text' ? req.content.data : req.content.data.toString('utf8');
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    const rejected = lines.flatMap((l, i) => (l.split(',')[2]?.includes('@') ? [] : [{ line: i + 1, reason: 'The e-mail address is missing.' }]));
    const write = rejected.length === 0 || req.skipInvalid;
    let added = 0;
    if (write) {
      for (const l of lines) {
        const [firstName = '', lastName = '', email = ''] = l.split(',');
        if (!email.includes('@')) continue;
        createContact(db, req.cardId, { firstName, lastName, emails: [{ value: email }] }, { region: req.region });
        added++;
      }
    }
    return { fileName: req.fileName, format: 'csv', added, updated: 0, unchanged: 0, rejected, written: write, message: write ? `Added ${added} contacts.` : 'Nothing was imported.' };
  },
  exportCsv(db, cardId) {
    const rows = ['first,last,email'];
    for (const c of iterateContacts(db, cardId)) rows.push(`${c.firstName},${c.lastName},${c.emails[0]?.value ?? ''}`);
    return `${rows.join('\n')}\n`;
  },
};
