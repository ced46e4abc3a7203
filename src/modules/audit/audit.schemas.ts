import { Type, type Static } from 'typebox'
import { PageQuery, Timestamp, Uuid } from '../../lib/schemas'

const NullableUuid = Type.Union([Uuid, Type.Null()])

export const AuditEvent = Type.Object({
  id: Uuid,
  organization: NullableUuid,
  actor_type: Type.String({ description: 'user, developer, anonymous or system.' }),
  actor_id: NullableUuid,
  action: Type.String({ examples: ['role.updated'] }),
  target_type: Type.Union([Type.String(), Type.Null()]),
  target_id: NullableUuid,
  ip: Type.String(),
  user_agent: Type.String(),
  metadata: Type.Record(Type.String(), Type.Unknown()),
  created_at: Timestamp,
})
export type AuditEvent = Static<typeof AuditEvent>

export const AuditListQuery = Type.Object({
  ...PageQuery,
  action: Type.Optional(Type.String({ maxLength: 100, description: 'Exact action, e.g. login.failed or role.updated.' })),
  actor: Type.Optional(Uuid),
  target: Type.Optional(Uuid),
  target_type: Type.Optional(Type.String({ maxLength: 50, examples: ['user'] })),
  created_after: Type.Optional(Timestamp),
  created_before: Type.Optional(Timestamp),
  ordering: Type.Optional(Type.String({ description: 'created_at or -created_at (default, newest first).', examples: ['-created_at'] })),
})
export type AuditListQuery = Static<typeof AuditListQuery>
