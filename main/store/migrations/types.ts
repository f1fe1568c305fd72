export interface Migration {
  /** equals the user_version the database has after this migration */
  version: number;
  name: string;
  /** SQL run inside the migration transaction */
  up: string;
}
