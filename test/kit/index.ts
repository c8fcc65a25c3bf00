/**
 * The test kit, shared by the Vitest backend tests (test/) and the Playwright specs and tour (e2e/):
 * unwrapping a Result, calling an endpoint as a session, the companies and staff tests sign in as,
 * clocks, and small fixtures. Nothing here imports Vitest or Playwright; what a person does on a page is
 * in ./page (Playwright only). Lifecycles stay with each runner: test/support/store.ts (temporary
 * stores removed after each test) and e2e/fixtures/bridge.ts (the browser bridged to a backend).
 */
export { CallFailed, must, unwrap } from './result';
export { fixedClock, movingClock } from './clock';
export { addStaff, createCompany, riverside, signInSession, testCompany, type CompanySeed, type StaffSeed } from './office';
export { postInvoice, type OneLineInvoice } from './invoices';
