/** `npm run build:web`: compiles the hosted pages into web/dist/ (see web-bundle.ts). */
import { buildWeb } from './web-bundle'

const manifest = await buildWeb()
for (const [page, files] of Object.entries(manifest.pages)) console.log(`${page}: ${[files.js, ...files.css].join(', ')}`)
