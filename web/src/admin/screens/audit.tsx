import type { Screen } from '../screen'
import { AuditLog } from '../audit/audit-log'

const audit: Screen = { path: 'audit', title: 'Audit log', order: 60, visible: (c) => c.can('view_audit_log'), View: AuditLog }
export default audit
