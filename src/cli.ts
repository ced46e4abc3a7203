import { parseArgs } from 'node:util'
import { commands } from './cli/commands'
import { runCommand } from './cli/run'
import { commandError } from './cli/validate'
import type { Command } from './cli/types'
import { loadConfig } from './config'
import { VERSION } from './lib/version'

/** Every command has a usage line and options; errors exit 1 with one line. */
const serveCommand = { usage: 'serve', summary: 'Migrate the database, then serve the API on HOST:PORT', options: {} }

function help(): string {
  const all: Array<Pick<Command, 'usage' | 'summary'>> = [serveCommand, ...Object.values(commands)]
  const lines = all.map((c) => `  ${c.usage.padEnd(44)} ${c.summary}`)
  return `Usage: commercecore <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nEvery command takes --help; --version prints the version. Configuration comes from environment variables (see README).`
}

function commandHelp(c: Pick<Command, 'usage' | 'summary' | 'options'>): string {
  const opts = Object.entries(c.options ?? {}).map(([k, o]) => `  --${k.padEnd(16)} ${o.description}`)
  return `Usage: commercecore ${c.usage}\n\n${c.summary}\n${opts.length ? `\nOptions:\n${opts.join('\n')}\n` : ''}`
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === '--version' || name === '-v') {
    console.log(`commercecore ${VERSION}`)
    return 0
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help())
    return name ? 0 : 1
  }
  const command = name === 'serve' ? serveCommand : Object.hasOwn(commands, name) ? commands[name] : undefined
  if (!command) {
    console.error(`commercecore: unknown command "${name}" (try --help)`)
    return 2
  }
  try {
    const { values, positionals } = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
    if (values.help) {
      console.log(commandHelp(command))
      return 0
    }
    const config = loadConfig()
    if (command === serveCommand) {
      // Loaded only here: the other commands start faster without the HTTP app's modules.
      const { serve } = await import('./server')
      await serve(config)
      return 0
    }
    const run = command as Command
    const input = await run.input(config, values as Record<string, string | boolean | undefined>, positionals)
    console.log(await runCommand(config, name, run, input))
    return 0
  } catch (err) {
    console.error(`commercecore ${name}: ${commandError(err)}`)
    return 1
  }
}

const code = await main(process.argv.slice(2))
// `serve` keeps running; every other command exits with its status.
if (process.argv[2] !== 'serve' || code !== 0) process.exit(code)
