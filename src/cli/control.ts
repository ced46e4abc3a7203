import { chmodSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs'
import { createConnection, createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { commands } from './commands'
import type { AppContext } from '../context'
import type { CommandContext } from './types'
import { commandError } from './validate'

/**
 * The control socket of a server on the embedded database: the CLI sends its commands
 * here instead of opening the data directory, which only one process may do.
 *
 * One request per connection: a JSON line `{"command", "input"}` in, a JSON line
 * `{"output"}` or `{"error"}` out. The server runs the command with its own database
 * handle (PGlite serializes it with the HTTP requests, transaction by transaction) and
 * then reloads its signing keys and drops its caches, so the change is live at once.
 *
 * Who may connect: the socket file is mode 0600, so only processes of the same OS user,
 * who can read DATA_DIR (database and secret.key) anyway.
 */
const MAX_REQUEST_BYTES = 256 * 1024 * 1024
/** macOS allows 104 bytes in a socket path, Linux 108. */
const MAX_SOCKET_PATH = 100

type Reply = { output: string } | { error: string }

export async function listenForCommands(ctx: AppContext): Promise<() => Promise<void>> {
  const lock = ctx.database.lock
  if (!lock) return async () => {}
  let socketPath = path.join(ctx.config.dataDir, 'commercecore.sock')
  let privateDir: string | undefined
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    privateDir = mkdtempSync(path.join(tmpdir(), 'commercecore-')) // mode 0700: nobody else can swap the socket
    socketPath = path.join(privateDir, 'control.sock')
  }
  try { unlinkSync(socketPath) } catch { /* no leftover; one from a crash is ours, since we hold the lock */ }
  const server = createServer((conn) => serveConnection(ctx, conn))
  try {
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, resolve))
    chmodSync(socketPath, 0o600)
  } catch (err) {
    ctx.log.warn({ err }, 'control socket unavailable: CLI commands will refuse while this server runs')
    return async () => {}
  }
  lock.advertise(socketPath)
  return async () => {
    lock.advertise(undefined)
    await new Promise<void>((resolve) => server.close(() => resolve())) // waits for a running command
    if (privateDir) rmSync(privateDir, { recursive: true, force: true })
  }
}

function serveConnection(ctx: AppContext, conn: Socket) {
  let buffered = ''
  conn.setEncoding('utf8')
  conn.on('error', () => {})
  conn.on('data', (chunk: string) => {
    buffered += chunk
    if (buffered.length > MAX_REQUEST_BYTES) return void conn.destroy()
    const end = buffered.indexOf('\n')
    if (end < 0) return
    conn.removeAllListeners('data')
    void runRequest(ctx, buffered.slice(0, end)).then((reply) => conn.end(`${JSON.stringify(reply)}\n`))
  })
}

async function runRequest(ctx: AppContext, line: string): Promise<Reply> {
  let name = '?'
  try {
    const request = JSON.parse(line) as { command: string; input: unknown }
    name = String(request.command)
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined
    if (!command) return { error: `unknown command "${name}"` }
    const output = await command.execute(serverContext(ctx), request.input)
    ctx.log.info({ command: name }, 'CLI command run through the control socket')
    return { output }
  } catch (err) {
    // The message only: the input may hold a password.
    ctx.log.warn({ command: name, error: commandError(err) }, 'CLI command failed')
    return { error: commandError(err) }
  }
}

function serverContext(ctx: AppContext): CommandContext {
  return {
    ...ctx,
    inServer: true,
    async changed({ keys, tags }) {
      if (keys) await ctx.keys.load()
      if (tags?.length) await ctx.invalidate(tags)
    },
  }
}

/** Nobody listens there (the server stopped meanwhile): nothing was sent, so trying again is safe. */
export class NotListening extends Error {}

/** Sends a command to the running server and returns its output (or throws its error). */
export function askServer(socketPath: string, request: { command: string; input: unknown }): Promise<string> {
  const line = `${JSON.stringify(request)}\n`
  if (Buffer.byteLength(line) > MAX_REQUEST_BYTES) return Promise.reject(new Error(`too large to send to the running server (over ${MAX_REQUEST_BYTES / 1024 / 1024} MiB): stop it and run the command again`))
  return new Promise((resolve, reject) => {
    let connected = false
    let answer = ''
    const conn = createConnection(socketPath, () => {
      connected = true
      conn.write(line) // not end(): a half-closed connection would end the server's side before it answers
    })
    conn.setEncoding('utf8')
    conn.on('data', (chunk: string) => { answer += chunk })
    conn.on('error', (err) => reject(connected ? err : new NotListening(err.message)))
    conn.on('close', () => {
      if (!connected) return
      let reply: Reply
      try { reply = JSON.parse(answer) as Reply } catch {
        return reject(new Error('the running server closed the connection before answering; check whether the command took effect'))
      }
      if ('error' in reply) reject(new Error(reply.error))
      else resolve(reply.output)
    })
  })
}
