import { defineCommand } from './types'

/**
 * `commercecore keys rotate`: a scheduled rotation by default (the new key is published
 * first and signs once every instance has reread the keys; docs/security.md), or an
 * immediate one: `--now` after a compromise (every other key is withdrawn at once), and
 * `--lost-secret-key` for a database restored without its secret key.
 */
export const keysCommand = defineCommand({
  usage: 'keys rotate [--now] [--lost-secret-key]',
  summary: 'Add a JWT signing key: published now, signing once every instance has it; older keys verify until their tokens expire',
  options: {
    now: { type: 'boolean', description: 'Compromise: sign with the new key at once and withdraw every other key (their tokens stop verifying)' },
    'lost-secret-key': { type: 'boolean', description: 'The stored keys were encrypted with a secret key that is lost: retire them unread, sign with the new key at once (users sign in again)' },
  },
  input(config, v, positionals) {
    if (positionals[0] !== 'rotate' || positionals.length > 1) throw new Error('usage: commercecore keys rotate [--now] [--lost-secret-key]')
    // The algorithm is the CLI's JWT_ALGORITHM, wherever the command runs.
    return { algorithm: config.jwtAlgorithm, compromised: v.now === true, lostSecretKey: v['lost-secret-key'] === true }
  },
  secretKey: (input) => (input.lostSecretKey ? 'accept-unreadable' : 'check'),
  async execute(ctx, input) {
    const { rotateSigningKeys } = await import('../modules/signing-keys/signing-keys.service')
    const { activationDelayMs } = await import('../modules/signing-keys/key-schedule')
    const immediate = input.compromised || input.lostSecretKey
    // The delay is that of the process running the command: the server's in embedded mode.
    const delayMs = immediate ? 0 : activationDelayMs(ctx.config.signingKeyReloadSeconds)
    const { kid, activatesAt } = await rotateSigningKeys(ctx.db, ctx.secrets, { algorithm: input.algorithm, activateInMs: delayMs, revokeOthers: input.compromised })
    await ctx.changed({ keys: true })
    const reach = ctx.inServer ? 'the running server has it now' : `running instances load it within ${ctx.config.signingKeyReloadSeconds} s${ctx.config.redisUrl ? ' (at once: notified through Redis)' : ''}`
    if (!immediate) {
      return `New signing key ${kid} (${input.algorithm}) is published now and signs from ${activatesAt.toISOString()} (in ${delayMs / 1000} s); ${reach}. The previous key signs until then and stays published until its tokens expire.`
    }
    const others = input.compromised ? 'every other key is withdrawn: tokens they signed no longer verify (clients refresh them)' : 'older keys keep verifying until their tokens expire'
    return `New signing key ${kid} (${input.algorithm}) signs now; ${others}; ${reach}.`
  },
})
