import fs from 'node:fs';

/**
 * Ferry's files are for the user who runs it: the data folder is 0700 and the
 * database, its WAL and SHM files and every export are 0600, so another account
 * on the same machine can read neither the contacts nor the sync history.
 * POSIX modes only; on Windows the profile folder's ACL already does this.
 */
const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const posix = process.platform !== 'win32';

/** Creates the folder (and its parents) 0700, and narrows an existing one this user owns. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!posix) return;
  const stat = fs.statSync(dir);
  if ((stat.mode & 0o777) !== PRIVATE_DIR_MODE && stat.uid === process.getuid?.()) fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Narrows a file this user owns to 0600 (a missing file is fine). */
export function restrictFile(file: string): void {
  if (!posix) return;
  try {
    const stat = fs.statSync(file);
    if ((stat.mode & 0o777) !== PRIVATE_FILE_MODE && stat.uid === process.getuid?.()) fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Before SQLite opens the database: create it 0600 if it is new. SQLite's unix
 * VFS gives the -wal and -shm files the database file's own permissions
 * (sqlite.org/src os_unix.c, findCreateFileMode), so they start 0600 too.
 */
export function createPrivateFile(file: string): void {
  if (file === '' || file === ':memory:' || file.startsWith('file:')) return;
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  restrictFile(file);
}

/** After SQLite opened it: the database, WAL and SHM files are 0600 (an older Ferry made them 0644). */
export function restrictDatabaseFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) restrictFile(f);
}
