import type { Address } from '@shared/domain/accounts';
import type { Letterhead } from '@shared/domain/documents';
import { html, type Html } from './html';

/** The sender as documents print it: the letterhead's legal name, else the company name. */
export interface Sender {
  name: string;
  addressLines: string[];
  contactLines: string[];
  logoDataUrl: string | null;
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** An address as lines: line 1, line 2, "City, ST 12345", the country when not US (blank parts left out). */
export function addressLines(a: Pick<Address, 'line1' | 'line2' | 'city' | 'state' | 'postalCode' | 'country'>): string[] {
  const tail = [clean(a.state), clean(a.postalCode)].filter(Boolean).join(' ');
  const city = clean(a.city);
  const country = clean(a.country).toUpperCase();
  return [clean(a.line1), clean(a.line2), city && tail ? `${city}, ${tail}` : city || tail, country && country !== 'US' ? country : ''].filter(Boolean);
}

/** Only a data: URL of the three image types the settings accept is placed on a page. */
const LOGO_URL = /^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/;

export function senderOf(letterhead: Letterhead, companyName: string, logo: { dataUrl: string } | null): Sender {
  const items = (...xs: string[]) => xs.filter(Boolean).join(' · ');
  const contact = [
    items(letterhead.phone && `Phone ${clean(letterhead.phone)}`, clean(letterhead.email)),
    items(clean(letterhead.website), letterhead.taxId && `Tax ID ${clean(letterhead.taxId)}`),
  ].filter(Boolean);
  return {
    name: clean(letterhead.legalName) || clean(companyName),
    addressLines: addressLines(letterhead.address),
    contactLines: contact,
    logoDataUrl: logo && LOGO_URL.test(logo.dataUrl) ? logo.dataUrl : null,
  };
}

/**
 * The logo's height; a wide logo (a wordmark) may be up to 1.6 times as wide, so it does not print as
 * a sliver. The image keeps its proportions; the name beside it takes what is left of the block.
 */
export const LOGO_SIZE = { Letter: '0.62in', A4: '18mm' } as const;

/** The letterhead: logo (when set), name and address. */
export function brandBlock(s: Sender, logoMax: string): Html {
  return html`<div class="brand">${s.logoDataUrl ? html`<img src="${s.logoDataUrl}" alt="" style="max-width:calc(${logoMax} * 1.6);max-height:${logoMax}">` : ''}<div style="min-width:0"><div class="brand-name">${s.name}</div><div class="brand-lines">${s.addressLines.map((l) => html`<div>${l}</div>`)}</div></div></div>`;
}

/** Phone, email, website and tax id, one to a line (or joined on one line for a footer). */
export function contactBlock(s: Sender): Html {
  return html`<div class="contact">${s.contactLines.map((l) => html`<div>${l}</div>`)}</div>`;
}

/** The sender in one line, for the top of a DIN 5008 address field. */
export const returnLine = (s: Sender): string => [s.name, ...s.addressLines].join(' · ');

/** Where payments go: the remit-to address when it differs, else the letterhead's. */
export function remitToLines(letterhead: Letterhead, s: Sender): string[] {
  return [s.name, ...(letterhead.remitTo ? addressLines(letterhead.remitTo) : s.addressLines)];
}
