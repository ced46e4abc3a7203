import { useState } from 'preact/hooks'
import type { Problem } from '../session'

/**
 * The state every console form keeps: its fields, the API's last answer (a problem with
 * field errors, or saved), and whether a save is in flight. `save` sends and records the answer.
 */
export function useForm<F extends object>(initial: F) {
  const [fields, setFields] = useState(initial)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  const set = <K extends keyof F>(name: K) => (value: F[K]) => { setSaved(false); setFields({ ...fields, [name]: value }) }
  async function save(send: () => Promise<Problem | null>) {
    setBusy(true)
    const result = await send()
    setBusy(false)
    setProblem(result)
    setSaved(!result)
  }
  return { fields, set, problem, setProblem, saved, setSaved, busy, save }
}
