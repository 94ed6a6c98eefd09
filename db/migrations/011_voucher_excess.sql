-- Meal vouchers above the bill (schema 11; issue 12, item 2). French practice accepts a voucher worth
-- more than the ticket and gives no change: the customer leaves the difference. That excess is not a
-- sale (no line, no VAT, outside the ticket total): a sale payload carries it as `voucher_excess`
-- (cents, the key present only when above 0), projected here, 0 for every sale before it.
ALTER TABLE sales ADD COLUMN voucher_excess INTEGER NOT NULL DEFAULT 0;
ALTER TABLE training_sales ADD COLUMN voucher_excess INTEGER NOT NULL DEFAULT 0;
-- The cancellation of such a ticket gives the whole voucher back and takes the excess back with it:
-- its `sale.refund` carries `voucher_excess` (minus the sale's, present only then), projected here.
ALTER TABLE refunds ADD COLUMN voucher_excess INTEGER NOT NULL DEFAULT 0;
