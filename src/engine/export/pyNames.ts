/** Python identifiers for node ids (layer attributes, variables) in the code exports. */
import type { NodeId } from '../graph/types';

const PY_KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from ' +
    'global if import in is lambda nonlocal not or pass raise return try while with yield'
  ).split(' '),
);
/** Attribute names an nn.Module already uses: a layer must not shadow them. */
const MODULE_ATTRS = new Set([
  'training',
  'forward',
  'modules',
  'children',
  'parameters',
  'state_dict',
  'eval',
]);

/** Python identifiers for node ids: valid, unique, never a keyword or an nn.Module attribute. */
export function pythonNames(ids: readonly NodeId[], prefix = ''): Map<NodeId, string> {
  const used = new Set<string>();
  const names = new Map<NodeId, string>();
  for (const id of ids) {
    let base = prefix + id.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(base) || PY_KEYWORDS.has(base) || MODULE_ATTRS.has(base)) base = `layer_${base}`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    names.set(id, name);
  }
  return names;
}
