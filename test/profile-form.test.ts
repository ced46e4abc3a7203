import { describe, expect, it } from 'vitest'
import { mergeProfile, otherProfileData, profileFields } from '../web/src/account/profile-schema'

/** The account page's reading of an organization's profile_schema (web/src/account/profile-schema.ts). */
describe('profile form from profile_schema', () => {
  const schema = {
    type: 'object',
    required: ['size'],
    properties: {
      size: { type: 'integer', title: 'Shoe size', description: 'EU sizes' },
      birthday: { type: 'string', format: 'date' },
      colour: { type: 'string', enum: ['red', 'blue'] },
      newsletter: { type: 'boolean' },
      address: { type: 'object', properties: { city: { type: 'string' } } },
      tags: { type: 'array' },
      odd: 'not a schema',
    },
  }

  it('makes a control of each scalar property, and leaves the rest to the JSON box', () => {
    expect(profileFields(schema)).toEqual([
      { key: 'size', label: 'Shoe size', hint: 'EU sizes', required: true, kind: 'integer', inputType: 'text' },
      { key: 'birthday', label: 'Birthday', hint: undefined, required: false, kind: 'text', inputType: 'date' },
      { key: 'colour', label: 'Colour', hint: undefined, required: false, kind: 'choice', choices: ['red', 'blue'], inputType: 'text' },
      { key: 'newsletter', label: 'Newsletter', hint: undefined, required: false, kind: 'boolean', inputType: 'text' },
    ])
    for (const none of [null, undefined, 'x', [], {}, { properties: [] }]) expect(profileFields(none)).toEqual([])
  })

  it('merges the controls over the other data: numbers parse, empty removes, unparsable text goes to the server as is', () => {
    const fields = profileFields(schema)
    const profile = { size: 40, colour: 'red', address: { city: 'Oslo' } }
    const rest = otherProfileData(fields, profile)
    expect(rest).toEqual({ address: { city: 'Oslo' } })
    expect(mergeProfile(fields, { size: '43', birthday: '', colour: '', newsletter: 'true' }, rest)).toEqual({ size: 43, newsletter: true, address: { city: 'Oslo' } })
    expect(mergeProfile(fields, { size: 'big' }, {})).toEqual({ size: 'big', newsletter: false })
  })
})
