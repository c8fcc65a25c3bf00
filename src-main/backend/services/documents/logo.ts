import { Resvg } from '@resvg/resvg-js';
import { LOGO_MAX_BYTES, type LogoMimeType } from '@shared/domain/documents';
import { formatBytes } from '@shared/domain/diagnostics';
import { invalid } from '../../errors';

/** A logo as stored and put on documents: PNG or JPEG only (an SVG upload is stored rasterized). */
export interface StoredLogo {
  mimeType: 'image/png' | 'image/jpeg';
  base64: string;
}

/** The longer side of a rasterized SVG, in pixels: about 4 inches at 300 dpi, more than a letterhead needs. */
const SVG_RASTER_PX = 1200;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);
const typeNames: Record<LogoMimeType, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/svg+xml': 'SVG' };

/** "512.0 KB (524,288 bytes)": one decimal alone would call a file one byte over the limit the limit. */
const sizeText = (n: number) => `${formatBytes(n)} (${n.toLocaleString('en-US')} bytes)`;
const limitText = `the limit is ${sizeText(LOGO_MAX_BYTES)}`;

/** What the bytes are by their first bytes, for the message when they are not what was declared. */
function sniff(bytes: Buffer): string | null {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'a PNG image';
  if (bytes.subarray(0, 3).equals(JPEG_SIGNATURE)) return 'a JPEG image';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'a PDF document';
  if (bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a') return 'a GIF image';
  if (bytes.subarray(0, 2).toString('latin1') === 'PK') return 'a ZIP file (or an Office document)';
  return null;
}

function decodeBase64(base64: string): Buffer {
  if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64))
    throw invalid('base64: the logo is not valid base64', [{ path: 'base64', message: 'not valid base64' }]);
  return Buffer.from(base64, 'base64');
}

/**
 * An SVG is drawn to a PNG by resvg, which runs no script and fetches nothing: images it would load
 * from elsewhere (`imagesToResolve`) are left unresolved, so only what the file itself holds is drawn.
 * Documents then carry a plain picture, never SVG markup a renderer would interpret.
 */
function rasterize(svg: Buffer): Buffer {
  const text = svg.toString('utf8');
  if (!/<svg[\s>]/i.test(text)) throw invalid('The file is not an SVG image: it has no <svg> element.', [{ path: 'base64', message: 'no <svg> element' }]);
  let probe: Resvg;
  try {
    probe = new Resvg(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw invalid(`The file is not an SVG image that can be drawn (${why}).`, [{ path: 'base64', message: why }]);
  }
  if (!(probe.width > 0 && probe.height > 0)) throw invalid('The SVG image has no size.', [{ path: 'base64', message: 'no size' }]);
  const fitTo = probe.width >= probe.height ? ({ mode: 'width', value: SVG_RASTER_PX } as const) : ({ mode: 'height', value: SVG_RASTER_PX } as const);
  return new Resvg(text, { fitTo }).render().asPng();
}

/**
 * A logo upload checked: its bytes are the type declared (PNG and JPEG by their signature), within
 * LOGO_MAX_BYTES (the size and the limit named when not), an SVG rasterized to PNG.
 */
export function checkLogo(mimeType: LogoMimeType, base64: string): StoredLogo {
  const bytes = decodeBase64(base64);
  if (bytes.length === 0) throw invalid('The logo file is empty.', [{ path: 'base64', message: 'empty' }]);
  if (bytes.length > LOGO_MAX_BYTES) {
    throw invalid(`The logo is ${sizeText(bytes.length)}; ${limitText}.`, [
      { path: 'base64', message: 'too large', bytes: bytes.length, limit: LOGO_MAX_BYTES },
    ]);
  }
  const want = typeNames[mimeType];
  if (mimeType === 'image/svg+xml') {
    const found = sniff(bytes);
    if (found) throw invalid(`The file is ${found}, not an SVG image.`, [{ path: 'base64', message: `is ${found}` }]);
    const png = rasterize(bytes);
    if (png.length > LOGO_MAX_BYTES) {
      throw invalid(`The SVG logo drawn as a picture is ${sizeText(png.length)}; ${limitText}.`, [{ path: 'base64', message: 'too large when drawn' }]);
    }
    return { mimeType: 'image/png', base64: png.toString('base64') };
  }
  const signature = mimeType === 'image/png' ? PNG_SIGNATURE : JPEG_SIGNATURE;
  if (!bytes.subarray(0, signature.length).equals(signature)) {
    const found = sniff(bytes);
    const why = found ? `The file is ${found}, not a ${want} image.` : `The file is not a ${want} image (its first bytes are not a ${want} file's).`;
    throw invalid(why, [{ path: 'base64', message: why }]);
  }
  return { mimeType, base64: bytes.toString('base64') };
}
