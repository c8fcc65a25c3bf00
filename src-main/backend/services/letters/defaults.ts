import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { letterPurposes, templateKeySchema } from '@shared/domain/letters';

/**
 * The default letter templates ship as files (resources/letter-templates: templates.json names each
 * template and its HTML file), read at run time rather than embedded by Vite: a `?raw` import works in
 * electron-vite and Vitest but not under tsx, which runs the CLI, and the CLI opens stores too. The
 * folder is found by walking up from this module: the repository's resources/letter-templates from
 * source (tsx, Vitest, out/main in development), and letter-templates beside app.asar when packaged
 * (electron-builder's extraResources copies it to the resources folder, the parent of app.asar).
 */
const MANIFEST = 'templates.json';

const manifestSchema = z.object({
  templates: z.array(
    z.object({
      key: templateKeySchema,
      name: z.string().min(1),
      purpose: z.enum(letterPurposes),
      subject: z.string().min(1),
      file: z.string().regex(/^[a-z0-9-]+\.html$/),
    }),
  ),
});

export interface DefaultTemplate {
  key: string;
  name: string;
  purpose: (typeof letterPurposes)[number];
  subject: string;
  bodyHtml: string;
}

export function defaultTemplatesDir(start = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, 'resources', 'letter-templates'), path.join(dir, 'letter-templates')]) {
      if (fs.existsSync(path.join(candidate, MANIFEST))) return candidate;
    }
    if (path.dirname(dir) === dir) throw new Error(`the default letter templates (letter-templates/${MANIFEST}) were not found above ${start}`);
  }
}

let cached: DefaultTemplate[] | null = null;

/** The shipped templates, read once per process. */
export function defaultTemplates(): DefaultTemplate[] {
  if (cached) return cached;
  const dir = defaultTemplatesDir();
  const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')));
  cached = manifest.templates.map((t) => ({
    key: t.key,
    name: t.name,
    purpose: t.purpose,
    subject: t.subject,
    bodyHtml: fs.readFileSync(path.join(dir, t.file), 'utf8'),
  }));
  return cached;
}
