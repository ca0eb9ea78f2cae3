/** What an add to the staging did, in one or two plain sentences (said in the "Your images" region's status line). */
import type { AddResult } from './staging';

const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "a.txt, b.doc and 3 more" */
export function listNames(names: readonly string[], max = 3): string {
  if (names.length <= max) {
    if (names.length <= 1) return names[0] ?? '';
    return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  }
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export function describeAdd(r: AddResult): string {
  const said: string[] = [];
  if (r.added.length > 0) {
    const parts = r.added.map(([name, n], i) =>
      i === 0 ? `${plural(n, 'image')} to “${name}”` : `${n.toLocaleString('en')} to “${name}”`,
    );
    said.push(`Added ${listNames(parts, 4)}.`);
  }
  if (r.zips > 0)
    said.push(
      `Added ${plural(r.zips, 'zip file')}: ${r.zips === 1 ? 'its folders become' : 'their folders become'} the classes when the dataset is made.`,
    );
  if (r.needClass > 0)
    said.push(
      `Type a class name first (for example “cats”): ${plural(r.needClass, 'file was', 'files were')} not added.`,
    );
  if (r.duplicates > 0)
    said.push(`${plural(r.duplicates, 'file was', 'files were')} already there and not added again.`);
  if (r.notImages.length > 0)
    said.push(
      `${plural(r.notImages.length, 'file is', 'files are')} not an image and will be skipped: ${listNames(r.notImages)}.`,
    );
  if (r.loose.length > 0)
    said.push(
      `${plural(r.loose.length, 'file lies', 'files lie')} beside the class folders, not in one, and will be skipped: ${listNames(r.loose)}.`,
    );
  if (said.length === 0) return 'Nothing was added: there were no files.';
  return said.join(' ');
}
