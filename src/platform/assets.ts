import fs from 'node:fs';
import path from 'node:path';
import * as sass from 'sass';

export const stylesheetPath = path.resolve(import.meta.dirname, '../../public/stylesheets/app.css');
const sourcePath = path.resolve(import.meta.dirname, '../assets/app.scss');

/**
 * Builds the site's stylesheet from GOV.UK Frontend's Sass with our settings
 * (no GDS Transport font). Rebuilt only when the source is newer than the output.
 */
export function buildStylesheet(force = false): string {
  const upToDate =
    !force &&
    fs.existsSync(stylesheetPath) &&
    fs.statSync(stylesheetPath).mtimeMs >= fs.statSync(sourcePath).mtimeMs;
  if (!upToDate) {
    const result = sass.compile(sourcePath, {
      loadPaths: [path.resolve(import.meta.dirname, '../../node_modules')],
      style: 'compressed',
      quietDeps: true,
      silenceDeprecations: ['import'],
    });
    fs.mkdirSync(path.dirname(stylesheetPath), { recursive: true });
    fs.writeFileSync(stylesheetPath, result.css);
  }
  return stylesheetPath;
}
