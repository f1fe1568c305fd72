/** Builds the `ferry` command into dist-cli/ (see build-cli.mjs). */
export function buildCli(): Promise<void>;
