import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { demoContact } from '../../main/store/demo-data';

/** Writes `count` realistic contacts as a generic-layout CSV (what a big CRM export looks like). */
export function writeContactsCsv(file: string, count: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, stringify([['First Name', 'Last Name', 'Email', 'Phone', 'Company', 'Title', 'Website', 'Notes', 'Tags', 'City', 'Country']]));
  for (let start = 0; start < count; start += 5_000) {
    const rows: string[][] = [];
    for (let i = start; i < Math.min(count, start + 5_000); i++) {
      const c = demoContact(i);
      rows.push([c.firstName, c.lastName, c.emails[0]?.value ?? '', c.phones[0]?.raw ?? '', c.company, c.title, c.website, c.notes, c.tags.join('; '), c.addresses[0]?.city ?? '', c.addresses[0]?.country ?? '']);
    }
    fs.writeSync(fd, stringify(rows));
  }
  fs.closeSync(fd);
}
