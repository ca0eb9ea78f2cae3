/** What Add and Concatenate share: two or more inputs, no weights, one output. */
import type { Field, LayerModule } from './module';
import { call } from './python';

type MergeBase<S extends { readonly kind: 'add' | 'concatenate' }> = Pick<
  LayerModule<S>,
  'arity' | 'form' | 'field' | 'errorFixes' | 'category'
>;

/** The receptive field of a merge: the largest of its inputs' (null when any is untracked). */
export function mergeField(_l: unknown, inputs: readonly (Field | null)[]): Field | null {
  if (inputs.some((x) => x === null) || inputs.length === 0) return null;
  const all = inputs as readonly Field[];
  const max = (pick: (x: Field) => number): number => Math.max(...all.map(pick));
  return {
    rf: [max((x) => x.rf[0]), max((x) => x.rf[1])],
    jump: [max((x) => x.jump[0]), max((x) => x.jump[1])],
  };
}

export function mergeBase<S extends { readonly kind: 'add' | 'concatenate' }>(): MergeBase<S> {
  return {
    category: 'merge',
    arity: 'many',
    form: 'full',
    field: mergeField,
    // A merge without enough inputs is best removed.
    errorFixes: () => [{ kind: 'removeNode', label: 'remove' }],
  };
}

export const mergeKeras = (cls: string) => (_l: unknown, c: { name: string; input: string }) =>
  call(`layers.${cls}(${c.name})`, c.input);
