import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportContactsCsv } from '../../main/import/index';
import { defaultCard } from '../../main/store/cards';
import { createContact } from '../../main/store/contacts';
import { DATABASE_FILE, openDatabase } from '../../main/store/db';

/** Issue 11, Low: the data folder was 0755 and the database 0644, readable by every account on the machine. */
const mode = (p: string): string => (fs.statSync(p).mode & 0o777).toString(8);

describe.runIf(process.platform !== 'win32')('file modes', () => {
  let root: string;
  beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-modes-')); });
  afterEach(() => { fs.rmSync(root, { recursive: true, force: true }); });

  it('creates the data folder 0700 and the database, WAL, SHM and exports 0600, whatever the umask', () => {
    const previous = process.umask(0o022);
    try {
      const dataDir = path.join(root, 'Ferry');
      const db = openDatabase(dataDir);
      createContact(db, defaultCard(db).id, { firstName: 'Ada' }, { region: 'US' });
      expect(mode(dataDir)).toBe('700');
      for (const f of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`]) expect(mode(path.join(dataDir, f)), f).toBe('600');
      const exported = path.join(root, 'contacts.csv');
      exportContactsCsv(db, defaultCard(db).id, exported);
      expect(mode(exported)).toBe('600');
      db.close();
    } finally {
      process.umask(previous);
    }
  });

  it('narrows a data folder and database an older Ferry left open', () => {
    const dataDir = path.join(root, 'Old');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    openDatabase(dataDir).close();
    fs.chmodSync(path.join(dataDir, DATABASE_FILE), 0o644);
    const db = openDatabase(dataDir);
    expect(mode(dataDir)).toBe('700');
    expect(mode(path.join(dataDir, DATABASE_FILE))).toBe('600');
    db.close();
  });
});
