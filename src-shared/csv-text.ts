/**
 * Text for a CSV cell that someone will open in a spreadsheet. Excel and LibreOffice read a cell that
 * starts with = + - @ (or a tab or carriage return) as a formula, so customer-entered text such as a
 * name "=HYPERLINK(...)" would run when a supervisor or an agency opens the file (CSV injection).
 * Such text gets a leading apostrophe, which spreadsheets show as plain text. Only for text columns:
 * amounts and dates are written by us and a negative amount must stay a number.
 */
export function csvText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
