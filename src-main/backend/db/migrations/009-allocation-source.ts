import type { Migration } from './types';

/**
 * Allocations made on behalf of another document (an early-payment discount applied with the payment
 * that earned it; a reversal's unwinding), found by that document: the receipt lists a payment's
 * discounts and a returned payment withdraws them. Partial: the usual allocation, made by its own
 * credit document, is left out, so the index stays small and costs ordinary postings nothing.
 */
export const m009AllocationSource: Migration = {
  id: 9,
  name: 'allocations: by the document they were made for',
  up(db) {
    db.exec(`CREATE INDEX allocation_on_behalf ON allocation (source_document_id) WHERE source_document_id <> credit_document_id;`);
  },
};
