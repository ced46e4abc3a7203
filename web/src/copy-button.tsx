import { useState } from 'preact/hooks'

/** Copies `text` to the clipboard and says so (in a live region, for screen readers). */
export function CopyButton(props: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  async function copy() {
    try {
      await navigator.clipboard.writeText(props.text)
      setState('copied')
    } catch {
      setState('failed') // no clipboard permission: the text is on screen to copy by hand
    }
  }
  return (
    <span class="copy">
      <button type="button" class="secondary" onClick={copy}>{props.label}</button>
      <span role="status">{state === 'copied' ? 'Copied.' : state === 'failed' ? 'Could not copy: select the text and copy it.' : ''}</span>
    </span>
  )
}
