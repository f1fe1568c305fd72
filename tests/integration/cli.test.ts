import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/store/db';
import { listContacts } from '../../main/store/contacts';
import { tempDir } from '../support/temp-dir';
import { runFerry } from '../support/run-ferry';

const ferry = (args: string[], env: NodeJS.ProcessEnv = {}) => runFerry(args, env);

describe('the ferry command line', { timeout: 180_000 }, () => {
  it('adds, lists, searches, updates, deletes and exports contacts, with --json on every command', async () => {
    const dir = tempDir();
    const add = await ferry(['--data-dir', dir, '--json', 'contacts', 'add', '--first', 'Ada', '--last', 'Lovelace', '--email', 'ada@example.com', '--phone', '(617) 555-0142', '--company', 'Engines', '--tag', 'vip']);
    expect(add.code, add.stderr).toBe(0);
    const created = JSON.parse(add.stdout) as { id: number; phones: { e164: string }[]; tags: string[] };
    expect(created.phones[0]?.e164).toBe('+16175550142');
    expect(created.tags).toEqual(['vip']);

    const list = await ferry(['--data-dir', dir, 'contacts', 'list']);
    expect(list.stdout).toContain('Ada Lovelace');
    const search = JSON.parse((await ferry(['--data-dir', dir, '--json', 'contacts', 'search', 'lovel'])).stdout) as unknown[];
    expect(search).toHaveLength(1);

    const upd = await ferry(['--data-dir', dir, '--json', 'contacts', 'update', String(created.id), '--title', 'Countess']);
    expect(JSON.parse(upd.stdout)).toMatchObject({ title: 'Countess', company: 'Engines', version: 2 });

    const out = path.join(dir, 'out.csv');
    expect((await ferry(['--data-dir', dir, 'contacts', 'export', out])).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('ada@example.com');

    expect((await ferry(['--data-dir', dir, 'contacts', 'delete', String(created.id)])).code).toBe(0);
    expect(JSON.parse((await ferry(['--data-dir', dir, '--json', 'contacts', 'list'])).stdout)).toEqual([]);
  });

  it('exit codes: 2 for a usage error, 1 for a failure with one clear sentence, 0 for help', async () => {
    const dir = tempDir();
    const usage = await ferry(['--data-dir', dir, 'contacts', 'frobnicate']);
    expect(usage.code).toBe(2);
    const badId = await ferry(['--data-dir', dir, 'contacts', 'delete', 'abc']);
    expect(badId.code).toBe(2);
    const missing = await ferry(['--data-dir', dir, 'contacts', 'delete', '999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('ferry: There is no contact with id 999.');
    const noFile = await ferry(['--data-dir', dir, 'contacts', 'import', path.join(dir, 'nope.csv')]);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toMatch(/nope\.csv/);
    expect((await ferry(['--help'])).code).toBe(0);
  });

  it('an import keeps every person and reports the rest by default; --strict writes nothing; --skip-invalid changes nothing', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'in.csv');
    fs.writeFileSync(csv, 'First Name,Last Name,Email\nAda,Lovelace,ada@example.com\nBad,Row,not-an-email\n,,nobody\nGrace,Hopper,grace@example.com\n');
    const strict = await ferry(['--data-dir', dir, 'contacts', 'import', csv, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/line 4: This row has no name/);
    expect(strict.stderr).toMatch(/Nothing was imported because 1 row is invalid and all-or-nothing is on/);
    const imported = await ferry(['--data-dir', dir, 'contacts', 'import', csv]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/3 added, 0 updated, 0 unchanged, 0 merged, 1 rejected/);
    expect(imported.stderr).toMatch(/line 3: "not-an-email" is not an e-mail address, so it was left out\./);
    const again = await ferry(['--data-dir', dir, 'contacts', 'import', csv, '--skip-invalid']);
    expect(again.stdout).toMatch(/0 added, 0 updated, 3 unchanged/);
  });

  it('--preview shows how the file is read and what would happen, and writes nothing; --json gives it all', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'Connections.csv');
    fs.writeFileSync(csv, 'Notes:\n"Some e-mail addresses may be missing."\n\nFirst Name,Last Name,Email Address,Company,Handy\n' +
      'Ada,Lovelace,ada@example.com,Engines,+44 7700 900123\nAda,Lovelace,ADA@example.com,Engines,\n');
    const preview = await ferry(['--data-dir', dir, 'contacts', 'import', csv, '--preview']);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('nothing has been written');
    expect(preview.stdout).toMatch(/Format: Spreadsheet \(CSV, utf-8, separated by ",", column names on line 4 \(2 rows above them skipped\)\)/);
    expect(preview.stdout).toMatch(/Email Address +→ E-mail \[recognised\] {2}e\.g\. ada@example\.com, ADA@example\.com/);
    expect(preview.stdout).toMatch(/Handy +→ Phone \[guessed\]/);
    expect(preview.stdout).toMatch(/Would add 1, update 0, leave 0 unchanged, merge 1, reject 0\./);
    expect(preview.stderr).toMatch(/line 6: Same person as line 5/);
    const json = await ferry(['--data-dir', dir, '--json', 'contacts', 'import', csv, '--preview']);
    expect(JSON.parse(json.stdout)).toMatchObject({ headerLine: 4, added: 1, merged: 1, columns: expect.arrayContaining([expect.objectContaining({ header: 'Handy', status: 'guessed' })]) });
    const list = await ferry(['--data-dir', dir, '--json', 'contacts', 'list']);
    expect(JSON.parse(list.stdout)).toEqual([]);
    const imported = await ferry(['--data-dir', dir, 'contacts', 'import', csv]);
    expect(imported.stdout).toContain('Guessed from their values: "Handy" as Phone.');
    const unusable = await ferry(['--data-dir', dir, 'contacts', 'import', path.join(dir, 'Connections.csv'), '--preview']);
    expect(unusable.code).toBe(0);
    fs.writeFileSync(path.join(dir, 'empty.csv'), '');
    expect((await ferry(['--data-dir', dir, 'contacts', 'import', path.join(dir, 'empty.csv'), '--preview'])).code).toBe(1);
  });

  it('demo seed is deterministic', async () => {
    const a = tempDir();
    const b = tempDir();
    await ferry(['--data-dir', a, 'demo', 'seed', '--count', '20']);
    await ferry(['--data-dir', b, 'demo', 'seed', '--count', '20']);
    const emails = (dir: string) => {
      const db = openDatabase(dir);
      const list = listContacts(db, 1).map((c) => c.emails[0]?.value);
      db.close();
      return list;
    };
    expect(emails(a)).toHaveLength(20);
    expect(emails(a)).toEqual(emails(b));
  });

  it('`ferry demo` syncs demo contacts into the HubSpot sandbox with no account', async () => {
    const dir = tempDir();
    const run = await ferry(['--data-dir', dir, 'demo']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/50 created/);
    expect(run.stdout).toMatch(/now holds 50 contacts/);
  });

  it('two processes writing the same data folder at once lose nothing', async () => {
    const dir = tempDir();
    await ferry(['--data-dir', dir, 'contacts', 'list']);
    const writer = (who: string) => (async () => {
      for (let i = 0; i < 6; i++) {
        const r = await ferry(['--data-dir', dir, 'contacts', 'add', '--first', `${who}${i}`, '--email', `${who}${i}@example.com`]);
        if (r.code !== 0) throw new Error(r.stderr);
      }
    })();
    await Promise.all([writer('a'), writer('b'), writer('c')]);
    const db = openDatabase(dir);
    expect(listContacts(db, 1)).toHaveLength(18);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
