import { endpoint } from '../endpoint';
import type { PostingResult } from '../../domain/payments';
import {
  returnRecordSchema,
  returnsFileSchema,
  returnsListSchema,
  type PaymentReturn,
  type ReturnsImportResult,
  type ReturnsPreview,
} from '../../domain/returns';

/** Returned payments (docs/money-in.md, Returned payments): by hand, or from a NACHA return file. */
export const returnsContract = {
  'returns.record': endpoint(returnRecordSchema).returns<PostingResult>(),
  'returns.preview': endpoint(returnsFileSchema).returns<ReturnsPreview>(),
  'returns.importNacha': endpoint(returnsFileSchema).returns<ReturnsImportResult>(),
  'returns.list': endpoint(returnsListSchema).returns<PaymentReturn[]>(),
};
