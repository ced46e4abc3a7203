import { Type, type Static } from 'typebox'
import { NullableTimestamp, Timestamp, Uuid } from '../../lib/schemas'

export const ApiKey = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String({ description: 'First characters of the key, to recognise it.' }),
  expires_at: NullableTimestamp,
  last_used_at: NullableTimestamp,
  created_at: Timestamp,
})
export const NewApiKey = Type.Intersect([ApiKey, Type.Object({ key: Type.String({ description: 'The key. Shown once; only its hash is stored.' }) })])
export const CreateApiKey = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, examples: ['ci-deploy'] }),
  expires_at: Type.Optional(Type.Union([Timestamp, Type.Null()])),
}, { additionalProperties: false })
export type CreateApiKey = Static<typeof CreateApiKey>
