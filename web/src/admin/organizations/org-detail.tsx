import { useState } from 'preact/hooks'
import { Field } from '../../field'
import { Notice } from '../../layout'
import { followLink, navigate } from '../../router'
import { api, type Problem } from '../../session'
import { useCapabilities } from '../capabilities'
import { attempt, ProblemNotice, ReadOnlyNote, ScreenHeader, useLoad } from '../ui'
import { OrganizationForm, type OrganizationChanges } from './org-form'

const LIST = '/admin/organizations/'
const Back = () => <a class="back" href={LIST} onClick={(e) => followLink(e, LIST)}>← All organizations</a>

/** A new organization from its name alone (the slug derives from it); its settings are edited next. */
export function OrganizationCreate() {
  const [name, setName] = useState('')
  const [problem, setProblem] = useState<Problem | null>(null)

  async function create(event: Event) {
    event.preventDefault()
    const o = await attempt(() => api.POST('/api/v1/organizations/', { body: { name: name.trim() } }))
    if (o.problem) return setProblem(o.problem)
    navigate(`${LIST}${o.data.id}/`)
  }

  return (
    <section>
      <Back />
      <ScreenHeader title="New organization" />
      <form class="panel" onSubmit={create} noValidate>
        {problem && <Notice kind="error">{problem.message}</Notice>}
        <Field id="new-org-name" label="Name" type="text" autocomplete="off" value={name} errors={problem?.fields.name ?? problem?.fields.slug}
          hint="The slug (what clients send as X-Organization) is derived from it; change it in the settings next." onInput={setName} />
        <p class="hint">It starts with the built-in permissions and the admin and customer roles.</p>
        <button type="submit">Create organization</button>
      </form>
    </section>
  )
}

export function OrganizationDetail(props: { id: string }) {
  const { can } = useCapabilities()
  const org = useLoad(() => attempt(() => api.GET('/api/v1/organizations/{id}/', { params: { path: { id: props.id } } })), [props.id])
  const editable = can('manage_organization')

  async function save(changes: OrganizationChanges) {
    const o = await attempt(() => api.PATCH('/api/v1/organizations/{id}/', { params: { path: { id: props.id } }, body: changes }))
    return o.problem
  }

  return (
    <section>
      <Back />
      <ScreenHeader title={org.data ? `Organization ${org.data.name}` : 'Organization'} />
      <ProblemNotice problem={org.problem} />
      {org.data && !editable && <ReadOnlyNote permission="manage_organization" />}
      {org.data && <div class="panel"><h2>Settings</h2><OrganizationForm key={org.data.updated_at} organization={org.data} readOnly={!editable} onSubmit={save} /></div>}
    </section>
  )
}
