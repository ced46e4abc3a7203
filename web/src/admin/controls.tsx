import { describedIds, FieldErrors } from '../field'

/** Form controls the console's Field (../field.tsx) does not cover: a text area and a checkbox, errors tied to them the same way. */

export function TextArea(props: {
  id: string; label: string; value: string; rows?: number; errors?: string[]; hint?: string; monospace?: boolean; onInput: (value: string) => void
}) {
  const { errorId, hintId, describedBy } = describedIds(props)
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint && <p class="hint" id={hintId}>{props.hint}</p>}
      <textarea id={props.id} name={props.id} rows={props.rows ?? 4} class={props.monospace ? 'code' : undefined} spellcheck={!props.monospace}
        value={props.value} aria-invalid={props.errors?.length ? 'true' : undefined} aria-describedby={describedBy}
        onInput={(e) => props.onInput((e.currentTarget as HTMLTextAreaElement).value)} />
      <FieldErrors id={errorId} errors={props.errors} />
    </div>
  )
}

export const Checkbox = (props: { label: string; checked: boolean; hint?: string; disabled?: boolean; onChange: (checked: boolean) => void }) => (
  <label class="check">
    <input type="checkbox" checked={props.checked} disabled={props.disabled} onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)} />
    <span>{props.label}{props.hint && <><br /><span class="perms">{props.hint}</span></>}</span>
  </label>
)

/** An ISO timestamp as the staff member's local date and time, or a dash. */
export const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—')

/** The end of an id: ids are UUIDv7, whose first characters are a timestamp shared by everything made in the same minutes. */
export const shortId = (id: string) => `…${id.slice(-8)}`
