import { loopFigure, requestLoop } from './request-loop'

/**
 * One login load in a process of its own, so the two loads of bench/flood.ts do not slow
 * each other down in one event loop. Logins cycle through `accounts` usernames `flood0…`
 * (requests prepared once); the figures go back over IPC with the CPU time the load took.
 */
const { url, ms, connections, rate, accounts, password } = JSON.parse(process.argv[2]) as {
  url: string; ms: number; connections: number; rate?: number; accounts: number; password: string
}
const { host } = new URL(url)
const requests = Array.from({ length: accounts }, (_, i) => {
  const body = JSON.stringify({ username: `flood${i}`, password })
  return Buffer.from(`POST /api/v1/auth/login/ HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
})
const before = process.cpuUsage()
const run = await requestLoop(url, { connections, ms, rate, request: (n) => requests[n % accounts] })
const cpu = process.cpuUsage(before)
process.send!({ figure: loopFigure('', run, 0), statuses: run.statuses, cpuMs: Math.round((cpu.user + cpu.system) / 1000) })
process.disconnect()
