import { followLink, navigate } from '../../router'
import { api } from '../../session'
import { useCapabilities } from '../capabilities'
import { attempt, ProblemNotice, ReadOnlyNote, ScreenHeader, useLoad } from '../ui'
import { ProductForm, type ProductBody } from './product-form'

const LIST = '/admin/products/'
const Back = () => <a class="back" href={LIST} onClick={(e) => followLink(e, LIST)}>← All products</a>

export function ProductCreate() {
  async function create(body: ProductBody) {
    const o = await attempt(() => api.POST('/api/v1/products/', { body }))
    if (o.problem) return o.problem
    navigate(`${LIST}${o.data.id}/`)
    return null
  }
  return (
    <section>
      <Back />
      <ScreenHeader title="New product" />
      <div class="panel"><ProductForm readOnly={false} submitLabel="Create product" onSubmit={create} /></div>
    </section>
  )
}

export function ProductDetail(props: { id: string }) {
  const { can } = useCapabilities()
  const product = useLoad(() => attempt(() => api.GET('/api/v1/products/{id}/', { params: { path: { id: props.id } } })), [props.id])
  const manage = can('manage_products')

  async function save(body: ProductBody) {
    const o = await attempt(() => api.PATCH('/api/v1/products/{id}/', { params: { path: { id: props.id } }, body }))
    return o.problem
  }

  const p = product.data
  return (
    <section>
      <Back />
      <ScreenHeader title={p ? `Product ${p.name}` : 'Product'} />
      <ProblemNotice problem={product.problem} />
      {p && !manage && <ReadOnlyNote permission="manage_products" />}
      {p && <div class="panel"><ProductForm key={p.updated_at} product={p} readOnly={!manage} submitLabel="Save changes" onSubmit={save} /></div>}
    </section>
  )
}
