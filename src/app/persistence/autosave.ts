/**
 * Reading the autosave safely. The stored text is untrusted: it may be cut off, hand-edited, or written by an older
 * or newer version of the playground. zustand's persist writes the store back to the same key during page load, so
 * a copy that cannot be read (or is read only in part) is kept aside under BACKUP_KEY before that happens, and the
 * banner offers it as a download.
 *
 * Format versions: STORAGE_VERSION is what this version writes. An older version is read when MIGRATIONS holds a step
 * from it to the next version (persist's `migrate` runs the chain); anything else is kept aside, not guessed at.
 */
import type { PersistStorage, StateStorage, StorageValue } from 'zustand/middleware';
import { nestsDeeper } from './jsonDepth';

export const STORAGE_KEY = 'cnn-playground';
export const STORAGE_VERSION = 1;
export const BACKUP_KEY = 'cnn-playground:backup';
/** Backups kept; beyond this the oldest goes (and the banner says so). */
export const MAX_BACKUPS = 3;

/** One step per old version: the saved state of version N → the state of version N + 1. None yet. */
export type Migrations = Readonly<
  Record<number, (state: Record<string, unknown>) => Record<string, unknown>>
>;
export const MIGRATIONS: Migrations = {};

/** The format a store reads and writes: its version and the steps from older ones (tests pass their own). */
export interface Format {
  readonly version: number;
  readonly migrations: Migrations;
}
export const FORMAT: Format = { version: STORAGE_VERSION, migrations: MIGRATIONS };

export interface Backup {
  readonly savedAt: string;
  readonly reason: string;
  readonly text: string;
}

export type Envelope =
  | { readonly kind: 'empty' }
  | { readonly kind: 'ok'; readonly value: StorageValue<Record<string, unknown>> }
  | { readonly kind: 'unreadable'; readonly reason: string };

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** True when `from` can be brought to `to` by the migration chain. */
const canMigrate = (from: number, to: number, migrations: Migrations): boolean => {
  for (let v = from; v < to; v++) if (typeof migrations[v] !== 'function') return false;
  return true;
};

/** Checks the outer shape of the stored text: JSON, an object with a known `version` and an object `state`. */
export function readEnvelope(
  text: string | null,
  version = STORAGE_VERSION,
  migrations: Migrations = MIGRATIONS,
): Envelope {
  if (text === null) return { kind: 'empty' };
  if (nestsDeeper(text)) return { kind: 'unreadable', reason: 'autosave: nested deeper than any saved work' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { kind: 'unreadable', reason: 'autosave: not valid JSON, perhaps cut off' };
  }
  if (!isObject(data)) return { kind: 'unreadable', reason: 'autosave: expected an object with a state' };
  const v = data['version'];
  if (typeof v !== 'number' || !Number.isSafeInteger(v))
    return { kind: 'unreadable', reason: 'autosave.version: expected a whole number' };
  if (v > version)
    return {
      kind: 'unreadable',
      reason: `autosave.version: format ${v} was written by a newer version of the playground (this one reads up to ${version})`,
    };
  if (v !== version && !canMigrate(v, version, migrations))
    return { kind: 'unreadable', reason: `autosave.version: format ${v} is not one this version reads` };
  const state = data['state'];
  if (!isObject(state)) return { kind: 'unreadable', reason: 'autosave.state: expected an object' };
  return { kind: 'ok', value: { state, version: v } };
}

export type Migrated =
  | { readonly ok: true; readonly state: Record<string, unknown> }
  | { readonly ok: false; readonly reason: string };

/** Runs the chain from `from` to `version`; a step that throws or gives no object stops it, with the reason. */
export function runMigrations(
  state: unknown,
  from: number,
  version = STORAGE_VERSION,
  migrations: Migrations = MIGRATIONS,
): Migrated {
  const failed = (why: string): Migrated => ({
    ok: false,
    reason: `autosave: format ${from} could not be converted to format ${version} (${why})`,
  });
  let s = state;
  for (let v = from; v < version; v++) {
    const step = migrations[v];
    if (!step) return failed(`no step from format ${v}`);
    if (!isObject(s)) return failed(`format ${v} is not an object`);
    try {
      s = step(s);
    } catch (e) {
      return failed(`the step from format ${v} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return isObject(s) ? { ok: true, state: s } : failed(`format ${version} is not an object`);
}

/** persist's `migrate`: the migrated state, or undefined when the chain fails (readEnvelope checked it exists). */
export function migrateSaved(
  state: unknown,
  from: number,
  version = STORAGE_VERSION,
  migrations: Migrations = MIGRATIONS,
): unknown {
  const r = runMigrations(state, from, version, migrations);
  return r.ok ? r.state : undefined;
}

/** The backups in storage, oldest first; a damaged backup list reads as empty (it is never trusted). */
export function readBackups(raw: Pick<StateStorage, 'getItem'>): Backup[] {
  let list: unknown;
  try {
    list = JSON.parse((raw.getItem(BACKUP_KEY) as string | null) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  return list.filter(
    (b): b is Backup =>
      isObject(b) &&
      typeof b['text'] === 'string' &&
      typeof b['reason'] === 'string' &&
      typeof b['savedAt'] === 'string',
  );
}

export interface KeptAside {
  /** False when the browser refused to store it (full storage): then only the download is left. */
  readonly stored: boolean;
  /** How many older backups were dropped to stay within MAX_BACKUPS. */
  readonly dropped: number;
}

/** Appends a backup, dropping the oldest beyond MAX_BACKUPS (or to make room when storage is full). */
export function keepAside(raw: StateStorage, text: string, reason: string, now = new Date()): KeptAside {
  const old = readBackups(raw);
  if (old.at(-1)?.text === text) return { stored: true, dropped: 0 };
  let list = [...old, { savedAt: now.toISOString(), reason, text }];
  let dropped = Math.max(0, list.length - MAX_BACKUPS);
  list = list.slice(dropped);
  while (list.length > 0) {
    try {
      void raw.setItem(BACKUP_KEY, JSON.stringify(list));
      return { stored: true, dropped };
    } catch {
      if (list.length === 1) break;
      list = list.slice(1);
      dropped++;
    }
  }
  return { stored: false, dropped: 0 };
}

/** The autosave's storage, plus what the page needs to keep a bad copy before persist overwrites it. */
export interface AutosaveStorage extends PersistStorage<Record<string, unknown>> {
  /** The text the last read found, as it was (null when nothing was saved). */
  lastText(): string | null;
  /** Why the last read could not use the copy at all (null when it could, or nothing was saved). */
  unreadable(): string | null;
  keepAside(text: string, reason: string): KeptAside;
  /** persist's `migrate` in this storage's format; a failure makes the copy unreadable (and kept aside). */
  migrate(state: unknown, from: number): unknown;
}

export interface AutosaveOptions {
  readonly format?: Format;
  /**
   * Called when the browser refuses a write (full storage), once until a write succeeds again. The write is not
   * retried, but the next change writes again; nothing throws into the store's update.
   */
  readonly onWriteError?: (error: unknown) => void;
}

/** JSON storage over a synchronous string storage (localStorage), reading through readEnvelope. */
export function autosaveStorage(getRaw: () => StateStorage, opts: AutosaveOptions = {}): AutosaveStorage {
  const { version, migrations } = opts.format ?? FORMAT;
  let text: string | null = null;
  let why: string | null = null;
  let failing = false;
  return {
    getItem(name) {
      const value = getRaw().getItem(name);
      text = typeof value === 'string' ? value : null;
      const env = readEnvelope(text, version, migrations);
      why = env.kind === 'unreadable' ? env.reason : null;
      return env.kind === 'ok' ? env.value : null;
    },
    setItem(name, value) {
      try {
        void getRaw().setItem(name, JSON.stringify(value));
        failing = false;
      } catch (e) {
        if (failing) return;
        failing = true;
        opts.onWriteError?.(e);
      }
    },
    migrate(state, from) {
      const r = runMigrations(state, from, version, migrations);
      if (r.ok) return r.state;
      why = r.reason;
      return undefined;
    },
    removeItem: (name) => getRaw().removeItem(name),
    lastText: () => text,
    unreadable: () => why,
    keepAside: (t, reason) => keepAside(getRaw(), t, reason),
  };
}

export const isAutosaveStorage = (s: object): s is AutosaveStorage =>
  typeof (s as Partial<AutosaveStorage>).keepAside === 'function';
