import encodeQR from 'qr'

/**
 * A QR code drawn as one SVG path from the `qr` package's module matrix: no inline script,
 * no style attribute, no data: image — nothing the pages' CSP has to allow.
 */
export function QrCode(props: { text: string; label: string }) {
  // The matrix includes the 4-module quiet zone that scanners need.
  const modules = encodeQR(props.text, 'raw', { ecc: 'medium', border: 4 })
  const size = modules.length
  const d = modules.flatMap((row, y) => row.flatMap((dark, x) => (dark ? [`M${x} ${y}h1v1h-1z`] : []))).join('')
  return (
    <svg class="qr" role="img" aria-label={props.label} viewBox={`0 0 ${size} ${size}`} shape-rendering="crispEdges" data-testid="totp-qr">
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  )
}
