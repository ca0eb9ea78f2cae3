/**
 * defineLayer: a layer module from only what its kind does differently. Everything left out takes the plain
 * default: no settings, no activation, no checks or fixes, no kernels or maps, not element-wise, and after it
 * receptive fields and spatial steps are no longer tracked; the face shows the title and the summary.
 */
import type { LayerModule } from './module';

type Defaulted =
  | 'fields'
  | 'activation'
  | 'field'
  | 'spatialStep'
  | 'check'
  | 'errorFixes'
  | 'summary'
  | 'face'
  | 'kernels'
  | 'featureMaps'
  | 'elementWise'
  | 'keepsValues'
  | 'normalization';

export type LayerDefinition<S extends { readonly kind: string }> = Omit<LayerModule<S>, Defaulted> &
  Partial<Pick<LayerModule<S>, Defaulted>>;

export function defineLayer<S extends { readonly kind: string }>(d: LayerDefinition<S>): LayerModule<S> {
  const summary = d.summary ?? (() => '');
  return {
    fields: [],
    activation: () => null,
    field: () => null,
    spatialStep: () => null,
    check: () => [],
    errorFixes: () => [],
    face: (spec, title) => ({ title, activation: '', detail: summary(spec) }),
    kernels: null,
    featureMaps: false,
    elementWise: false,
    keepsValues: false,
    normalization: false,
    ...d,
    summary,
  };
}
