import type { Migration } from './types';

/**
 * An invoice may name where the goods or services went (a ship-to address, JSON of the accounts
 * Address shape; NULL: none, the bill-to address applies). Printed on the invoice beside Bill to.
 * The posted-document trigger is recreated with ship_to among the frozen columns: a posted invoice's
 * ship-to is as immutable as the rest of it.
 */
export const m011InvoiceShipTo: Migration = {
  id: 11,
  name: 'invoices: ship-to address',
  up(db) {
    db.exec(`
      ALTER TABLE document ADD COLUMN ship_to TEXT NULL;

      DROP TRIGGER document_posted_immutable;
      CREATE TRIGGER document_posted_immutable BEFORE UPDATE ON document
      WHEN OLD.status = 'posted' AND (
        NEW.status IS NOT OLD.status OR NEW.account_id IS NOT OLD.account_id OR NEW.kind IS NOT OLD.kind OR NEW.side IS NOT OLD.side
        OR NEW.number IS NOT OLD.number OR NEW.series IS NOT OLD.series OR NEW.number_seq IS NOT OLD.number_seq
        OR NEW.doc_date IS NOT OLD.doc_date OR NEW.due_date IS NOT OLD.due_date OR NEW.terms IS NOT OLD.terms
        OR NEW.discount_date IS NOT OLD.discount_date OR NEW.discount_bp IS NOT OLD.discount_bp
        OR NEW.invoice_discount IS NOT OLD.invoice_discount
        OR NEW.subtotal_cents IS NOT OLD.subtotal_cents OR NEW.discount_cents IS NOT OLD.discount_cents
        OR NEW.tax_cents IS NOT OLD.tax_cents OR NEW.shipping_cents IS NOT OLD.shipping_cents
        OR NEW.shipping_tax_cents IS NOT OLD.shipping_tax_cents OR NEW.total_cents IS NOT OLD.total_cents
        OR NEW.method IS NOT OLD.method OR NEW.check_number IS NOT OLD.check_number OR NEW.card_last4 IS NOT OLD.card_last4
        OR NEW.reference IS NOT OLD.reference OR NEW.reason IS NOT OLD.reason OR NEW.memo IS NOT OLD.memo
        OR NEW.po_number IS NOT OLD.po_number OR NEW.related_document_id IS NOT OLD.related_document_id
        OR NEW.posted_at IS NOT OLD.posted_at OR NEW.posted_by IS NOT OLD.posted_by OR NEW.currency IS NOT OLD.currency
        OR NEW.ship_to IS NOT OLD.ship_to)
      BEGIN SELECT RAISE(ABORT, 'posted documents are immutable; post a correcting document instead'); END;
    `);
  },
};
