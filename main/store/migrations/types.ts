export interface Migration {
  /** equals the user_version the database has after this migration */
  version: number;
  name: string;
  /** SQL run inside the migration transaction */
  up: string;
  /**
   * The migration rebuilds a table (SQLite's create-copy-drop-rename procedure,
   * https://www.sqlite.org/lang_altertable.html#otheralter). With foreign keys on,
   * dropping the old table would cascade into every table that references it,
   * and `PRAGMA foreign_keys` is a no-op inside a transaction; so the runner
   * switches foreign keys off before it begins, and checks them (and the
   * database's integrity) before it commits.
   */
  rebuildsTables?: boolean;
}
