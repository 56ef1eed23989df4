import fs from 'node:fs';
import path from 'node:path';
import { frameworkPackSchema, packProblems, type FrameworkPack } from '../domain/framework-pack.ts';

export const frameworksDirectory = path.resolve(import.meta.dirname, '../../frameworks');

/** The pack a new place starts with until its secretariat chooses another. */
export const defaultPackId = 'england-lsp-2006';

export class FrameworkPackError extends Error {}

/**
 * Reads and validates every pack in frameworks/ once, at start. A broken pack stops
 * start-up with its file and field named, rather than failing later on a page.
 */
export function loadFrameworkPacks(directory = frameworksDirectory): Map<string, FrameworkPack> {
  const packs = new Map<string, FrameworkPack>();
  const files = fs
    .readdirSync(directory)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const file of files) {
    let input: unknown;
    try {
      input = JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8'));
    } catch (error) {
      throw new FrameworkPackError(`Framework pack ${file} is not valid JSON: ${(error as Error).message}`);
    }
    const problems = packProblems(file, input);
    if (problems.length) throw new FrameworkPackError(`Framework pack ${problems.join('; ')}`);
    const pack = frameworkPackSchema.parse(input);
    if (`${pack.id}.json` !== file)
      throw new FrameworkPackError(
        `Framework pack ${file} says its id is ${pack.id}; name the file ${pack.id}.json`,
      );
    packs.set(pack.id, pack);
  }
  if (!packs.has(defaultPackId))
    throw new FrameworkPackError(`The framework pack ${defaultPackId}.json is missing from ${directory}`);
  return packs;
}

let loaded: Map<string, FrameworkPack> | undefined;

/** Every pack, read once per process. */
export function frameworkPacks(): Map<string, FrameworkPack> {
  loaded ??= loadFrameworkPacks();
  return loaded;
}

/** One pack by id; an unknown id (a pack file removed) falls back to the default pack. */
export function frameworkPack(id: string | null | undefined): FrameworkPack {
  const packs = frameworkPacks();
  return packs.get(id ?? defaultPackId) ?? packs.get(defaultPackId)!;
}
