import autocannon from 'autocannon'

/**
 * One autocannon load in a process of its own, so two loads run by one benchmark
 * (bench/flood.ts) do not slow each other down in one load generator's event loop (autocannon
 * cannot run in a worker thread). Logins cycle through `accounts` usernames `flood0…`; the
 * result goes back over IPC.
 */
const { url, duration, connections, overallRate, accounts, password } = JSON.parse(process.argv[2])
let next = 0
const result = await autocannon({
  url, duration, connections, ...(overallRate && { overallRate }),
  requests: [{
    method: 'POST', path: '/api/v1/auth/login/', headers: { 'content-type': 'application/json' },
    setupRequest: (req) => ({ ...req, body: JSON.stringify({ username: `flood${next++ % accounts}`, password }) }),
  }],
})
process.send({
  rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99,
  errors: result.errors + result.timeouts, non2xx: result.non2xx, ok2xx: result['2xx'],
  cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
  statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count])),
})
process.disconnect()
