import type { ComponentChildren } from 'preact'
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { Notice } from '../layout'
import { networkProblem, problemOf, type Problem } from '../session'

/** A screen's heading; it takes focus when the screen opens, so a screen reader announces the new page. */
export function ScreenHeader(props: { title: string; children?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    heading.current?.focus()
    document.title = `${props.title} · Admin console`
  }, [props.title])
  return (
    <div class="screen-header">
      <h1 tabIndex={-1} ref={heading}>{props.title}</h1>
      {props.children && <div class="actions">{props.children}</div>}
    </div>
  )
}

export const ProblemNotice = (props: { problem: Problem | null }) =>
  props.problem ? <Notice kind="error">{props.problem.message}</Notice> : null

/** A typed-client call's outcome: the data, or a Problem (never a throw). */
export type Outcome<T> = { data: T; problem: null } | { data: null; problem: Problem }

export async function attempt<T>(call: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<Outcome<T>> {
  try {
    const { data, error, response } = await call()
    if (response.ok) return { data: data as T, problem: null }
    return { data: null, problem: problemOf(response, error) }
  } catch {
    return { data: null, problem: networkProblem() }
  }
}

/**
 * Loads on mount and whenever `deps` change; `reload` loads again. Only the latest request's
 * result is kept: a reload still in flight after a filter or page change cannot overwrite newer results.
 */
export function useLoad<T>(load: () => Promise<Outcome<T>>, deps: unknown[]) {
  const [state, setState] = useState<{ data: T | null; problem: Problem | null; loading: boolean }>({ data: null, problem: null, loading: true })
  const latest = useRef(0)
  const run = useCallback(() => {
    setState((s) => ({ ...s, loading: true }))
    const request = ++latest.current
    load().then((o) => { if (request === latest.current) setState({ data: o.data, problem: o.problem, loading: false }) })
    return () => { latest.current++ } // unmounted or deps changed: nothing in flight is wanted
  }, deps)
  useEffect(run, [run])
  return { ...state, reload: run }
}

/** The `cursor` of a `next`/`previous` link of a list page. */
const cursorOf = (link: string | null | undefined): string | undefined =>
  link ? new URL(link).searchParams.get('cursor') ?? undefined : undefined

type Page<T> = { results: T[]; next?: string | null }

/** Every page of a list, following `next` (a grid that showed only the first page would hide grants). */
export async function everyPage<T>(page: (cursor: string | undefined) => Promise<Outcome<Page<T>>>): Promise<Outcome<T[]>> {
  const all: T[] = []
  let cursor: string | undefined
  do {
    const o = await page(cursor)
    if (o.problem) return o
    all.push(...o.data.results)
    cursor = cursorOf(o.data.next)
  } while (cursor)
  return { data: all, problem: null }
}

export function Pager(props: { previous?: string | null; next?: string | null; onPage: (cursor: string | undefined) => void }) {
  if (!props.previous && !props.next) return null
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" class="secondary" disabled={!props.previous} onClick={() => props.onPage(cursorOf(props.previous))}>Previous</button>
      <button type="button" class="secondary" disabled={!props.next} onClick={() => props.onPage(cursorOf(props.next))}>Next</button>
    </nav>
  )
}

/** Why a control is disabled, said next to it (a disabled button alone explains nothing). */
export const ReadOnlyNote = (props: { permission: string }) =>
  <p class="hint" data-testid="read-only">Read only: changing this needs the <code>{props.permission}</code> permission.</p>
