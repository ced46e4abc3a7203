/** Builds dist/ unless it matches the sources; resolves to dist/cli.js. See build.js. */
export function ensureBuilt(options?: { force?: boolean }): Promise<string>
export const entry: string
