import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'

/**
 * A question before a step that cannot be taken back (delete, rotate a secret): an
 * alertdialog that takes focus on its safe answer, so a screen reader reads the question
 * and Enter never confirms by accident. `busy` disables both answers while the request runs.
 */
export function Confirm(props: { id: string; confirmLabel: string; busy: boolean; onConfirm: () => void; onCancel: () => void; children: ComponentChildren }) {
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => { cancel.current?.focus() }, [])
  return (
    <div role="alertdialog" aria-labelledby={props.id} aria-busy={props.busy} class="notice error">
      <p id={props.id}>{props.children}</p>
      <button type="button" class="danger" disabled={props.busy} onClick={props.onConfirm}>{props.confirmLabel}</button>{' '}
      <button type="button" class="secondary" disabled={props.busy} onClick={props.onCancel} ref={cancel}>Cancel</button>
    </div>
  )
}
