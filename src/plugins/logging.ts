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
