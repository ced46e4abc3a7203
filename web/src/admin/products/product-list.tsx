import { useState } from 'preact/hooks'
import { Field } from '../../field'
import { followLink } from '../../router'
import { api } from '../../session'
import { useCapabilities } from '../capabilities'
import { attempt, Pager, ProblemNotice, ReadOnlyNote, ScreenHeader, useLoad } from '../ui'

const PAGE_SIZE = 25

/** The catalogue, inactive products included (manage_products sees them): server-side search, cursor pages. */
export function ProductList() {
  const { can } = useCapabilities()
  const [query, setQuery] = useState('')
  const [search, setSearch] = useState('')
  const [cursor, setCursor] = useState<string | undefined>()
  const list = useLoad(() => attempt(() => api.GET('/api/v1/products/', { params: { query: { search: search || undefined, cursor, limit: PAGE_SIZE, ordering: 'name' } } })), [search, cursor])
  const manage = can('manage_products')

  return (
    <section>
      <ScreenHeader title="Products">
        {manage && <a class="button" href="/admin/products/new/" onClick={(e) => followLink(e, '/admin/products/new/')}>New product</a>}
      </ScreenHeader>
      {!manage && <ReadOnlyNote permission="manage_products" />}
      <form class="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); setCursor(undefined); setSearch(query.trim()) }}>
        <Field id="product-search" label="Search products" type="search" autocomplete="off" required={false} value={query} hint="Part of the name, SKU or description." onInput={setQuery} />
        <button type="submit">Search</button>
      </form>
      <ProblemNotice problem={list.problem} />
      {list.data && (
        <table>
          <caption class="visually-hidden">Products</caption>
          <thead><tr><th scope="col">Product</th><th scope="col">SKU</th><th scope="col" class="num">Price</th><th scope="col" class="num">Stock</th><th scope="col">Status</th></tr></thead>
          <tbody>
            {list.data.results.map((p) => (
              <tr data-testid={`product-${p.sku}`}>
                <td><a href={`/admin/products/${p.id}/`} onClick={(e) => followLink(e, `/admin/products/${p.id}/`)}>{p.name}</a></td>
                <td><code>{p.sku}</code></td>
                <td class="num">{p.price} {p.currency}</td>
                <td class="num">{p.stock}</td>
                <td>{p.is_active ? <span class="badge ok">on sale</span> : <span class="badge off">inactive</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && !list.data.results.length && <p>No products{search ? ` match “${search}”` : ' yet'}.</p>}
      <Pager previous={list.data?.previous} next={list.data?.next} onPage={setCursor} />
    </section>
  )
}
