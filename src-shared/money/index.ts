/**
 * Money is an integer number of minor units (cents) everywhere: storage, IPC, arithmetic. This folder is
 * the one place amounts, percentages and quantities are checked, applied, parsed and formatted, for the
 * renderer, the backend, imports and the CLI alike.
 */
export { MAX_CENTS, MAX_CENTS_TEXT, MoneyRangeError, allocateProRata, applyBasisPoints, cents, mulDivRound, type Cents } from './cents';
export { centsToDecimalString, formatMoney, formatMoneyCompact, parseMoney, readMoney, type ReadMoneyOptions } from './text';
export { basisPointsToText, formatBasisPoints, parsePercent } from './percent';
export { MAX_QUANTITY_MILLI, formatQuantity, parseQuantity, quantityToText } from './quantity';
export { centsSchema, nonNegativeCents, positiveCents } from './schema';
