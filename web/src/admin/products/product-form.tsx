import type { Schemas } from '@commercecore/client'
import { Field } from '../../field'
import { Notice } from '../../layout'
import type { Problem } from '../../session'
import { Checkbox, TextArea } from '../controls'
import { useForm } from '../use-form'

type Product = Schemas['Product']
export type ProductBody = Schemas['CreateProduct']

interface Fields { sku: string; name: string; description: string; price: string; currency: string; stock: string; is_active: boolean }
const fromProduct = (p?: Product): Fields => ({
  sku: p?.sku ?? '', name: p?.name ?? '', description: p?.description ?? '', price: p?.price ?? '', currency: p?.currency ?? 'EUR', stock: String(p?.stock ?? 0), is_active: p?.is_active ?? true,
})

/** A product: money as the decimal string the API takes ("12.50", never a float); the API's field errors under each field. */
export function ProductForm(props: { product?: Product; readOnly: boolean; submitLabel: string; onSubmit: (body: ProductBody) => Promise<Problem | null> }) {
  const { fields, set, problem, setProblem, saved, busy, save } = useForm(fromProduct(props.product))
  const errors = problem?.fields ?? {}
  const stock = /^\d+$/.test(fields.stock.trim()) ? Number(fields.stock) : NaN

  async function submit(event: Event) {
    event.preventDefault()
    if (Number.isNaN(stock)) return setProblem({ status: 400, message: 'Check the highlighted fields.', fields: { stock: ['A whole number, 0 or more.'] } })
    await save(() => props.onSubmit({
      sku: fields.sku.trim(), name: fields.name.trim(), description: fields.description, price: fields.price.trim(), currency: fields.currency.trim().toUpperCase(), stock, is_active: fields.is_active,
    }))
  }

  return (
    <form onSubmit={submit} noValidate aria-busy={busy}>
      <fieldset disabled={props.readOnly}>
        {problem && <Notice kind="error">{problem.message}</Notice>}
        {saved && props.product && <Notice kind="success">Saved.</Notice>}
        <div class="grid-2">
          <Field id="product-sku" label="SKU" type="text" autocomplete="off" value={fields.sku} errors={errors.sku} onInput={set('sku')} />
          <Field id="product-name" label="Name" type="text" autocomplete="off" value={fields.name} errors={errors.name} onInput={set('name')} />
          <Field id="product-price" label="Price" type="text" inputMode="text" autocomplete="off" value={fields.price} errors={errors.price} hint="Decimal, e.g. 12.50." onInput={set('price')} />
          <Field id="product-currency" label="Currency" type="text" autocomplete="off" value={fields.currency} errors={errors.currency} hint="ISO 4217 code, e.g. EUR." onInput={set('currency')} />
          <Field id="product-stock" label="Stock" type="text" inputMode="numeric" autocomplete="off" value={fields.stock} errors={errors.stock} onInput={set('stock')} />
        </div>
        <TextArea id="product-description" label="Description" rows={3} value={fields.description} errors={errors.description} onInput={set('description')} />
        <Checkbox label="On sale (active)" hint="Inactive products are hidden from shoppers." checked={fields.is_active} onChange={set('is_active')} />
        {!props.readOnly && <button type="submit" disabled={busy}>{busy ? 'Saving…' : props.submitLabel}</button>}
      </fieldset>
    </form>
  )
}
