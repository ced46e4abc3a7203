import { describe, expect, it } from 'vitest'
import { fitsTotal, fromCents, orderTotal, toCents } from './money'

describe('money', () => {
  it('parses decimal strings into exact cents', () => {
    expect(toCents('0.10')).toBe(10n)
    expect(toCents('12.5')).toBe(1250n)
    expect(toCents('7')).toBe(700n)
    expect(toCents('9999999999.99')).toBe(999999999999n)
    expect(() => toCents('1.234')).toThrow()
    expect(() => toCents('-1')).toThrow()
    expect(() => toCents('1e3')).toThrow()
  })

  it('formats cents with two decimals', () => {
    expect(fromCents(30n)).toBe('0.30')
    expect(fromCents(5n)).toBe('0.05')
    expect(fromCents(123456n)).toBe('1234.56')
    expect(fromCents(-5n)).toBe('-0.05')
  })

  it('sums lines without floating-point error', () => {
    expect(orderTotal([{ unitPrice: '0.10', quantity: 3 }])).toBe('0.30')
    expect(orderTotal([{ unitPrice: '0.1', quantity: 1 }, { unitPrice: '0.2', quantity: 1 }])).toBe('0.30')
    expect(orderTotal([{ unitPrice: '19.99', quantity: 7 }, { unitPrice: '0.01', quantity: 1 }])).toBe('139.94')
    expect(orderTotal([])).toBe('0.00')
  })

  it('knows the largest total the database holds', () => {
    expect(fitsTotal('999999999999.99')).toBe(true)
    expect(fitsTotal('1000000000000.00')).toBe(false)
    expect(orderTotal([{ unitPrice: '9999999999.99', quantity: 1_000_000 }])).toBe('9999999999990000.00')
  })
})
