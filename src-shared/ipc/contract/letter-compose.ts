import { z } from 'zod';
import { letterComposeSchema, letterDeliverySetSchema, type ComposedLetter, type LetterDeliveryPreference } from '../../domain/letters';
import { idSchema } from '../../domain/text';
import { endpoint } from '../endpoint';

/**
 * Composing one letter (docs/letters.md, Composing a letter): the template merged with an account's
 * figures to edit; it then goes out through documents.print, savePdf or email as a `letter` document
 * (documents.preview shows its page). Letters by email is the account's own choice, recorded by a clerk.
 */
export const letterComposeContract = {
  'letters.compose': endpoint(letterComposeSchema).returns<ComposedLetter>(),
  'letters.deliveryPreference': endpoint(z.object({ accountId: idSchema })).returns<LetterDeliveryPreference>(),
  'letters.setLettersByEmail': endpoint(letterDeliverySetSchema).returns<LetterDeliveryPreference>(),
};
