/**
 * Past-due letters (docs/letters.md): the template library's purposes, merge fields and contracts.
 * `collection` letters ask for payment; `cease_permitted` are the two notices a cease-communication
 * request still permits; `confirmation` confirms a promise or plan; `validation_notice` is the
 * optional Model Form B-1 layout for offices that collect as third parties.
 */
export const letterPurposes = ['collection', 'cease_permitted', 'confirmation', 'validation_notice'] as const;
export type LetterPurpose = (typeof letterPurposes)[number];
