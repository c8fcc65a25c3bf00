import { NUDGE_MAX_MM, type Layout, type PaperSize } from '@shared/domain/documents';
import { boxStyle, type Box } from '../envelope';
import { html, type Html } from '../html';
import { brandBlock, LOGO_SIZE, returnLine } from '../letterhead';
import { len, sheet } from '../page';
import type { DocContext } from '../common';

/**
 * The one-page envelope test: the window zones outlined where this layout prints them (nudge
 * included), a sample address in the recipient zone, fold marks, rulers along the top and left edges,
 * the nudge values and what to do. Built from the same zones as every document (envelope.ts).
 */
export const calibrationCss = `
.zone { position: absolute; border: 0.8pt dashed #1f6feb }
.zone-text { position: absolute; border: 0.6pt solid #b42318 }
.zone-tag { position: absolute; font-size: 6.5pt; color: #1f6feb; white-space: nowrap }
.fold-line { position: absolute; left: 0; width: 100%; height: 0; border-top: 0.6pt dashed #8a929c }
.fold-tag { position: absolute; font-size: 6.5pt; color: #5b6573 }
.ruler { position: absolute; background: #fff }
.tick { position: absolute; background: #3b4350 }
.tick-n { position: absolute; font-size: 6pt; color: #3b4350 }
.cal-title { font-size: 16pt; font-weight: bold; color: #14213d; margin-bottom: 6pt }
.cal-text { font-size: 9.5pt; line-height: 1.45 }
.cal-text ol { margin: 4pt 0 0 14pt }
.cal-nudge { margin-top: 8pt; display: inline-block; padding: 4pt 8pt; border: 0.8pt solid #14213d; font-weight: bold }
`;

/** Sample recipient lines: as long as a real address may be, five lines. */
const SAMPLE: Record<PaperSize, string[]> = {
  Letter: ['Sample Recipient Company', 'Attn: Accounts Payable', '1234 Example Street, Suite 500', 'Springfield, IL 62701-1234', 'UNITED STATES'],
  A4: ['Sample Recipient Company', 'Attn: Accounts Payable', 'Example Street 12', '12345 Sample City', 'GERMANY'],
};

const signed = (mm: number) => `${mm > 0 ? '+' : mm < 0 ? '−' : ''}${Math.abs(mm).toFixed(1)} mm`;

function ruler(u: 'in' | 'mm', width: number, height: number): Html[] {
  // Ticks every 1/8 in (long at the inch, labelled) or every mm (long at 10, labelled in cm).
  const step = u === 'in' ? 0.125 : 1;
  const per = u === 'in' ? 8 : 10;
  const out: Html[] = [];
  const tick = (along: 'x' | 'y', at: number, i: number) => {
    const long = i % per === 0;
    const mid = u === 'in' ? i % 4 === 0 : i % 5 === 0;
    const size = u === 'in' ? (long ? 0.22 : mid ? 0.14 : 0.08) : long ? 5.5 : mid ? 3.5 : 2;
    const thin = '0.5pt';
    out.push(
      along === 'x'
        ? html`<div class="tick" style="left:${len(at, u)};top:0;width:${thin};height:${len(size, u)}"></div>`
        : html`<div class="tick" style="top:${len(at, u)};left:0;height:${thin};width:${len(size, u)}"></div>`,
    );
    if (long && i > 0) {
      const label = String(i / per);
      const off = u === 'in' ? 0.24 : 6;
      out.push(
        along === 'x'
          ? html`<div class="tick-n" style="left:${len(at + (u === 'in' ? 0.02 : 0.6), u)};top:${len(off - (u === 'in' ? 0.05 : 1.2), u)}">${label}</div>`
          : html`<div class="tick-n" style="top:${len(at + (u === 'in' ? 0.02 : 0.6), u)};left:${len(off, u)}">${label}</div>`,
      );
    }
  };
  // Up to the edge, not on it: a tick on the edge would stick out of the sheet.
  for (let i = 0; i * step < width - 1e-9; i++) tick('x', i * step, i);
  for (let i = 0; i * step < height - 1e-9; i++) tick('y', i * step, i);
  return out;
}

export function calibrationBody(layout: Layout, ctx: DocContext): Html {
  const { zones: z, frame: f } = ctx;
  const u = f.unit;
  const outline = (b: Box, cls: string) => html`<div class="${cls}" style="${boxStyle(b, u)}"></div>`;
  const tag = (b: Box, text: string) =>
    html`<div class="zone-tag" style="left:${len(b.x, u)};top:${len(b.y + b.h + (u === 'in' ? 0.02 : 0.5), u)}">${text}</div>`;
  const parts: Html[] = [];
  parts.push(
    outline(z.recipient.window, 'zone'),
    tag(z.recipient.window, 'Recipient window (blue) · address zone (red)'),
    outline(z.recipient.text, 'zone-text'),
  );
  parts.push(
    html`<div class="abs recipient" data-zone="recipient" style="${boxStyle(z.recipient.text, u)}">${SAMPLE[ctx.paper].map((l) => html`<div>${l}</div>`)}</div>`,
  );
  if (z.returnAddress.window) {
    parts.push(outline(z.returnAddress.window, 'zone'), tag(z.returnAddress.window, 'Return address window (double-window envelopes)'));
    parts.push(html`<div class="abs" data-zone="return" style="${boxStyle(z.returnAddress.text, u)}">${brandBlock(ctx.sender, LOGO_SIZE.Letter)}</div>`);
  } else {
    parts.push(outline(z.returnAddress.text, 'zone-text'));
    parts.push(html`<div class="abs return-line" data-zone="return" style="${boxStyle(z.returnAddress.text, u)}">${returnLine(ctx.sender)}</div>`);
  }
  for (const y of z.foldMarks) {
    parts.push(html`<div class="fold-line" style="top:${len(y, u)}"></div>`);
    parts.push(html`<div class="fold-tag" style="right:${len(u === 'in' ? 0.4 : 10, u)};top:${len(y - (u === 'in' ? 0.14 : 3.5), u)}">Fold · ${y} ${u}</div>`);
  }
  if (z.holeMark !== null) parts.push(html`<div class="fold-tag" style="left:${len(10, u)};top:${len(z.holeMark - 1.5, u)}">◂ hole</div>`);
  parts.push(...ruler(u, z.width, z.height));

  const envelope = ctx.paper === 'Letter' ? 'a #10 window envelope (single or double window)' : 'a DL or C5/6 window envelope (DIN 5008 form B)';
  const textTop = ctx.paper === 'Letter' ? 4.0 : 112;
  const text = html`<div class="cal-title">Envelope calibration · ${ctx.paper}</div><div class="cal-text">
<div>Check that addresses print where your envelopes show them:</div>
<ol>
<li>Print this page at 100% (no “fit to page” scaling) on the printer you mail from.</li>
<li>Fold it at the marks and hold it behind ${envelope}, as a letter goes in.</li>
<li>The sample address (red frame) must show whole inside the window, with a little space on every side.</li>
<li>If it does not, measure how far it is off and set the nudge in Settings › Documents › Layout: X moves the address blocks right (+) or left (−), Y down (+) or up (−), at most ${NUDGE_MAX_MM} mm. Print this page again to check.</li>
</ol>
<div class="cal-nudge" data-field="nudge">Nudge now: X ${signed(layout.nudgeXmm)} · Y ${signed(layout.nudgeYmm)}</div>
</div>`;
  return sheet({
    paper: ctx.paper,
    marks: true,
    copy: false,
    header: parts,
    content: text,
    top: textTop,
    footerLeft: ctx.sender.name,
    footerRight: 'Envelope calibration page',
  });
}
