import { CopyButton } from './copy-button'
import { Notice } from './layout'

/** Recovery codes, shown once: the server keeps only their hashes. */
export function RecoveryCodes(props: { codes: string[]; onDone: () => void }) {
  return (
    <div>
      <Notice kind="success">Two-factor authentication is on.</Notice>
      <h3>Your recovery codes</h3>
      <p>Each code signs you in once if you lose your phone. <strong>They are shown only now:</strong> save them somewhere safe, like a password manager.</p>
      <ul class="codes" data-testid="recovery-codes">{props.codes.map((c) => <li><code>{c}</code></li>)}</ul>
      <p class="actions"><CopyButton text={props.codes.join('\n')} label="Copy the codes" /></p>
      <button type="button" onClick={props.onDone}>I have saved my recovery codes</button>
    </div>
  )
}
