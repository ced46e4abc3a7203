import type { ComponentChildren } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'

/**
 * A secret the API shows exactly once (an API key, an OAuth client secret), with Copy and
 * Done. It lives only in its caller's memory (the API keeps only a hash), so leaving or
 * reloading the page loses it for good. `takeFocus`: it takes focus when shown (its reader
 * hears the whole notice), for a secret that appears away from the button that asked for it.
 */
export function ShownOnce(props: { id: string; label: string; value: string; testId: string; takeFocus?: boolean; onDone: () => void; children: ComponentChildren }) {
  const input = useRef<HTMLInputElement>(null)
  const box = useRef<HTMLDivElement>(null)
  const [copied, setCopied] = useState<'' | 'yes' | 'no'>('')
  useEffect(() => { if (props.takeFocus) box.current?.focus() }, [props.value])

  async function copy() {
    try {
      await navigator.clipboard.writeText(props.value)
      setCopied('yes')
    } catch {
      // No clipboard permission: select it, so Ctrl+C copies it.
      input.current?.select()
      setCopied('no')
    }
  }

  return (
    <div class="notice success once" role="status" data-testid={props.testId} ref={box} tabIndex={props.takeFocus ? -1 : undefined}>
      <p>{props.children} Copy it now: it is shown only this once and cannot be shown again.</p>
      <label for={props.id}>{props.label}</label>
      <div class="secret-row">
        <input id={props.id} class="secret" readOnly value={props.value} ref={input} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
        <button type="button" onClick={copy}>Copy</button>
        <button type="button" class="secondary" onClick={props.onDone}>Done</button>
      </div>
      {copied === 'yes' && <p>Copied to the clipboard.</p>}
      {copied === 'no' && <p>The browser refused the clipboard: the {props.label.toLowerCase()} is selected, press Ctrl+C (⌘C).</p>}
    </div>
  )
}
