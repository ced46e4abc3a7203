import { errors } from 'jose'
import { invalidToken, type VerificationError } from './errors.js'

/** jose's reasons for refusing a token, as a 401 whose message says which check failed. */
export function describeJoseError(err: errors.JOSEError): VerificationError {
  if (err instanceof errors.JWTExpired) return invalidToken('expired', 'Token has expired.', err)
  if (err instanceof errors.JWTClaimValidationFailed) {
    return err.claim === 'iss'
      ? invalidToken('issuer', 'Token was not issued by the configured server.', err)
      : invalidToken('claims', 'Token claims are not valid.', err)
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return invalidToken('signature', 'Token signature is not valid.', err)
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) return invalidToken('algorithm', 'Token algorithm is not accepted.', err)
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) return invalidToken('unknown_key', 'Token signing key is not known.', err)
  return invalidToken('malformed', 'Token is malformed.', err)
}
