import type { LetterPurpose } from '@shared/domain/letters';

/** The library's groups, in the order shown, with words for each purpose. */
export const purposeWords: Record<LetterPurpose, { title: string; description: string }> = {
  collection: { title: 'Collection letters', description: 'Ask for payment; the collection stages send them.' },
  cease_permitted: {
    title: 'Notices a cease request still permits',
    description: 'Collection efforts end, or a remedy may be invoked (Regulation F, 12 CFR 1006.6(c)).',
  },
  confirmation: { title: 'Confirmations', description: 'Confirm a promise to pay or a payment plan.' },
  validation_notice: {
    title: 'Validation notice',
    description: 'For offices that collect as third parties (Regulation F Model Form B-1).',
  },
};
