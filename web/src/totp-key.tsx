import { CopyButton } from './copy-button'
import { QrCode } from './qr'

/** A new authenticator key, as a QR code to scan and as text to type (with a copy button). */
export function TotpKey(props: { secret: string; otpauthUrl: string }) {
  return (
    <>
      <p>1. Scan this code with your authenticator app.</p>
      <QrCode text={props.otpauthUrl} label="QR code of the authenticator key" />
      <p>Or type this key into the app:</p>
      <p class="secret"><code data-testid="totp-secret">{props.secret}</code> <CopyButton text={props.secret} label="Copy the key" /></p>
      <p>2. Enter the 6-digit code the app shows.</p>
    </>
  )
}
