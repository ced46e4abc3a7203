/**
 * Exact decimal money for 2-decimal currencies: amounts are integer cents in a BigInt,
 * so 3 × "0.10" is "0.30" and not 0.30000000000000004. The database column is NUMERIC;
 * JSON carries the decimal string.
 */
const MONEY = /^(\d+)(?:\.(\d{1,2}))?$/

export function toCents(amount: string): bigint {
  const m = MONEY.exec(amount)
  if (!m) throw new Error(`Not a money amount: ${JSON.stringify(amount)}`)
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'))
}

export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : ''
  const abs = cents < 0n ? -cents : cents
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`
}

/** Σ unit_price × quantity, exactly. */
export function orderTotal(lines: { unitPrice: string; quantity: number }[]): string {
  return fromCents(lines.reduce((sum, l) => sum + toCents(l.unitPrice) * BigInt(l.quantity), 0n))
}

/** orders.total is NUMERIC(14,2): at most 12 integer digits. */
const MAX_TOTAL_CENTS = 10n ** 14n - 1n
export const fitsTotal = (total: string) => toCents(total) <= MAX_TOTAL_CENTS
