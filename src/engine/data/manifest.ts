/**
 * Validation of public/datasets/<name>/manifest.json (written by scripts/datasets.mjs). A bad manifest is data, not a
 * crash: parseManifest throws a ManifestError (a DatasetError with code 'badManifest') naming the bad field's path.
 */
import {
  BUILTIN_DATASET_IDS,
  isBuiltinDatasetId,
  DatasetError,
  type DatasetFileEntry,
  type BuiltinDatasetId,
  type DatasetId,
  type DatasetManifest,
} from './types';

export const FILE_ROLES: readonly DatasetFileEntry['role'][] = [
  'trainImages',
  'trainLabels',
  'testImages',
  'testLabels',
];

/** A bad manifest field; `field` is its path, e.g. `files[2].sha256`. */
export class ManifestError extends DatasetError {
  constructor(
    file: string,
    readonly field: string,
    problem: string,
  ) {
    super('badManifest', file, `${file}: ${field} ${problem}`);
    this.name = 'ManifestError';
  }
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/**
 * Checks `json` (already parsed) and returns it typed. `file` names the manifest in errors
 * (e.g. 'mnist/manifest.json'); `expectId`, when given, must equal the manifest's name.
 */
export function parseManifest(json: unknown, file = 'manifest.json', expectId?: DatasetId): DatasetManifest {
  const bad = (field: string, problem: string): never => {
    throw new ManifestError(file, field, problem);
  };
  const str = (o: Obj, key: string, path: string): string => {
    const v = o[key];
    return typeof v === 'string' ? v : bad(path, 'must be a string');
  };
  if (!isObj(json)) return bad('(root)', 'must be a JSON object');

  const name = json['name'];
  if (!isBuiltinDatasetId(name)) {
    return bad('name', `must be one of ${BUILTIN_DATASET_IDS.join(', ')}`);
  }
  const id: BuiltinDatasetId = name;
  if (expectId !== undefined && id !== expectId) bad('name', `is '${id}', expected '${expectId}'`);
  const title = str(json, 'title', 'title');
  if (json['version'] !== 1) bad('version', 'must be 1');

  const shapeV = json['shape'];
  if (!Array.isArray(shapeV) || shapeV.length !== 3) return bad('shape', 'must be [height, width, channels]');
  shapeV.forEach((d, i) => {
    if (!isCount(d) || d === 0) bad(`shape[${i}]`, 'must be a whole number ≥ 1');
  });
  const shape = shapeV as [number, number, number];

  const classV = json['classNames'];
  if (!Array.isArray(classV) || classV.length < 2 || classV.length > 256) {
    return bad('classNames', 'must be an array of 2 to 256 names');
  }
  classV.forEach((c, i) => {
    if (typeof c !== 'string' || c.length === 0) bad(`classNames[${i}]`, 'must be a non-empty string');
  });
  const classNames = classV as string[];

  const countsV = json['counts'];
  if (!isObj(countsV)) return bad('counts', 'must be an object {train, test}');
  const train = countsV['train'];
  const test = countsV['test'];
  if (!isCount(train)) return bad('counts.train', 'must be a whole number ≥ 0');
  if (!isCount(test)) return bad('counts.test', 'must be a whole number ≥ 0');

  const filesV = json['files'];
  if (!Array.isArray(filesV)) return bad('files', 'must be an array');
  const files = filesV.map((f, i) => parseEntry(f, `files[${i}]`, bad));
  for (const role of FILE_ROLES) {
    const n = files.filter((f) => f.role === role).length;
    if (n !== 1) bad('files', `must list exactly one ${role} file, found ${n}`);
  }
  if (new Set(files.map((f) => f.name)).size !== files.length)
    bad('files', 'has two entries with the same name');

  return {
    name: id,
    title,
    version: 1,
    shape,
    classNames,
    counts: { train, test },
    files,
    source: str(json, 'source', 'source'),
    license: str(json, 'license', 'license'),
    notes: str(json, 'notes', 'notes'),
  };
}

function parseEntry(
  f: unknown,
  path: string,
  bad: (field: string, problem: string) => never,
): DatasetFileEntry {
  if (!isObj(f)) return bad(path, 'must be an object');
  const name = f['name'];
  // A plain file name: no folders, no '..', nothing a URL would need to escape.
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name)) {
    return bad(`${path}.name`, 'must be a plain file name (letters, digits, . _ -)');
  }
  const bytes = f['bytes'];
  if (!isCount(bytes)) return bad(`${path}.bytes`, 'must be a whole number ≥ 0');
  const sha256 = f['sha256'];
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
    return bad(`${path}.sha256`, 'must be 64 lowercase hex digits');
  }
  const role = f['role'];
  if (typeof role !== 'string' || !(FILE_ROLES as readonly string[]).includes(role)) {
    return bad(`${path}.role`, `must be one of ${FILE_ROLES.join(', ')}`);
  }
  const compression = f['compression'];
  if (compression !== 'gzip' && compression !== 'none')
    return bad(`${path}.compression`, "must be 'gzip' or 'none'");
  const rawBytes = f['rawBytes'];
  if (!isCount(rawBytes)) return bad(`${path}.rawBytes`, 'must be a whole number ≥ 0');
  if (compression === 'none' && rawBytes !== bytes)
    bad(`${path}.rawBytes`, 'must equal bytes when not compressed');
  return { name, bytes, sha256, role: role as DatasetFileEntry['role'], compression, rawBytes };
}
