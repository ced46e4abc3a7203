import type { Recipient } from '../email/templates'
import type { UserRow } from './users.repository'

export const recipientOf = (u: UserRow): Recipient => ({ email: u.email, username: u.username, first_name: u.firstName })
