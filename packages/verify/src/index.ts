/**
 * Offline verification of CommerceCore access tokens for resource servers (shop
 * backends): keys from the server's JWKS, issuer, algorithm, expiry and organization
 * checked here; optionally the server asked about revocation. See README.md.
 */
export { createVerifier, hasPermission, SERVER_ALGORITHMS } from './verifier.js'
export type { AccessToken, Algorithm, Verifier, VerifierOptions, VerifyOptions } from './verifier.js'
export { VerificationError } from './errors.js'
export type { RejectionKind, RejectionReason } from './errors.js'
export { bearerToken, rejectionOf, type Rejection } from './http.js'
