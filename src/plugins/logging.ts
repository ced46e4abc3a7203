/**
 * pino redaction: credentials never reach the log, whatever logs a request or an error.
 * Fastify does not log bodies, but errors and our own log lines may carry them.
 */
export const logRedaction = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-api-key"]',
    'res.headers["set-cookie"]',
    '*.password', '*.password2', '*.old_password', '*.new_password',
    '*.token', '*.access', '*.refresh', '*.key', '*.secret', '*.code', '*.recovery_code', '*.recovery_codes', '*.mfa_token', '*.otpauth_url',
    'err.body', 'body',
  ],
  censor: '[REDACTED]',
}

/** Credentials that travel in a URL: seed 003's `/reset_password/<token>`, and any `token=` query parameter. */
export function redactUrl(url: string): string {
  return url.replace(/(\/reset_password\/)[^/?#]+/gi, '$1[REDACTED]').replace(/([?&]token=)[^&#]*/gi, '$1[REDACTED]')
}

/** Fastify's request serializer, with the URL redacted. */
export const logSerializers = {
  req: (req: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
    method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort,
  }),
}
