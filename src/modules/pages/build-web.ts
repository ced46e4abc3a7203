/** `npm run build:web`: compiles the hosted pages into web/dist/ from scratch (see web-bundle.ts). */
import { rmSync } from 'node:fs'
import { buildWeb, WEB_DIST } from './web-bundle'

rmSync(WEB_DIST, { recursive: true, force: true }) // no stale hashed files left behind
const manifest = await buildWeb()
for (const [page, files] of Object.entries(manifest.pages)) console.log(`${page}: ${[files.js, ...files.css].join(', ')}`)
