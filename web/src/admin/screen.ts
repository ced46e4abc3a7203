import type { FunctionComponent } from 'preact'
import type { Capabilities } from './capabilities'

/** Where the console is served (pages.routes.ts serves the shell for every path below it). */
export const ADMIN_BASE = '/admin/'

/**
 * One console screen: a file in screens/ whose default export is this, listed by one line
 * in screens.ts. It is served at /admin/<path>/…; `rest` is what follows (e.g. an id).
 */
export interface Screen {
  path: string
  /** The navigation label and the page heading. */
  title: string
  /** Position in the navigation (lower first). */
  order: number
  /** Whether the navigation offers it to this staff member (the API still checks every call). */
  visible: (can: Capabilities) => boolean
  View: FunctionComponent<{ rest: string[] }>
}
