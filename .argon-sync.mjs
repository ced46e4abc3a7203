import { hash, verify } from '@node-rs/argon2'
import { readFileSync, readdirSync } from 'node:fs'
const cpu = (tid) => { const f = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8').slice(readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8').lastIndexOf(')') + 2).split(' '); return (Number(f[11]) + Number(f[12])) * 10 }
const all = () => Object.fromEntries(readdirSync(`/proc/${process.pid}/task`).map((t) => [t, cpu(t)]))
const h = await hash('benchmark passphrase 2026', { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 })
for (const label of ['verify', 'hash']) {
  const before = all()
  const samples = []
  const n = 100
  const t = Date.now()
  for (let i = 0; i < n; i++) {
    const s = process.hrtime.bigint()
    const p = label === 'verify' ? verify(h, 'benchmark passphrase 2026') : hash('x', { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 })
    samples.push(Number(process.hrtime.bigint() - s) / 1000)
    await p
  }
  const after = all()
  samples.sort((a, b) => a - b)
  const d = Object.entries(after).map(([k, v]) => [k === String(process.pid) ? 'main' : k, v - (before[k] ?? 0)]).filter(([, v]) => v > 0)
  console.log(label, `wall ${Date.now() - t} ms`, 'sync µs p50', samples[n / 2].toFixed(0), 'p90', samples[90].toFixed(0), 'min', samples[0].toFixed(0), 'cpu ms by thread', JSON.stringify(d))
}
