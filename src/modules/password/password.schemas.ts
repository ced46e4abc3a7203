import { Type } from 'typebox'
import { Password } from '../../lib/schemas'

export const PasswordChangeBody = Type.Object({ old_password: Password, new_password: Password }, { additionalProperties: false })
