import type { Ref } from 'preact'

/** Preact types `<input>` per type; the union of the ones used is passed through as one. */
type FieldType = 'password' | 'text' | 'email' | 'tel' | 'search' | 'number' | 'url' | 'date' | 'datetime-local'

/** A labelled input with its error messages tied to it (aria-describedby, aria-invalid). */
export function Field(props: {
  id: string; label: string; type: FieldType; autocomplete: string; value: string; errors?: string[]; hint?: string
  required?: boolean; inputMode?: 'numeric' | 'text'; inputRef?: Ref<HTMLInputElement>; onInput: (value: string) => void
}) {
  const { errorId, hintId, describedBy } = describedIds(props)
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint && <p class="hint" id={hintId}>{props.hint}</p>}
      <input
        id={props.id} name={props.id} type={props.type as 'text'} autocomplete={props.autocomplete} required={props.required ?? true}
        inputMode={props.inputMode} ref={props.inputRef}
        value={props.value} aria-invalid={props.errors?.length ? 'true' : undefined} aria-describedby={describedBy}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
      />
      <FieldErrors id={errorId} errors={props.errors} />
    </div>
  )
}

/** The ids a control's hint and errors get, and its aria-describedby naming those shown. */
export function describedIds(props: { id: string; hint?: string; errors?: string[] }) {
  const errorId = `${props.id}-errors`
  const hintId = `${props.id}-hint`
  const describedBy = [props.hint ? hintId : '', props.errors?.length ? errorId : ''].filter(Boolean).join(' ') || undefined
  return { errorId, hintId, describedBy }
}

/** A field's error list (also under controls that are not a plain input). */
export function FieldErrors(props: { id: string; errors?: string[] }) {
  return props.errors?.length ? <ul class="errors" id={props.id} data-testid={props.id}>{props.errors.map((m) => <li>{m}</li>)}</ul> : null
}
