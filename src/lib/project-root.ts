import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The installed package's root (package.json next to migrations/), found upward from this
 * module: src/lib/ when run from source, dist/ when compiled into one bundle.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'migrations/meta/_journal.json'))) return dir
    if (path.dirname(dir) === dir) throw new Error(`package root (package.json and migrations/) not found above ${from}`)
  }
}

export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)))
