import { readFileSync } from 'node:fs'

/** The release (package.json's `version`): `commercecore --version` and the start-up summary. */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version
