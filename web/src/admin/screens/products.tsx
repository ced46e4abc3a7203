import type { Screen } from '../screen'
import { ProductCreate, ProductDetail } from '../products/product-detail'
import { ProductList } from '../products/product-list'

/** /admin/products/ (catalogue), /admin/products/new/, /admin/products/<id>/ (edit). */
function Products(props: { rest: string[] }) {
  const [id] = props.rest
  if (id === 'new') return <ProductCreate />
  if (id) return <ProductDetail id={id} />
  return <ProductList />
}

const products: Screen = { path: 'products', title: 'Products', order: 40, visible: (c) => c.can('manage_products'), View: Products }
export default products
