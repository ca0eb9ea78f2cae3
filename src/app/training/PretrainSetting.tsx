/**
 * "RBM pretraining": epochs each leading Dense + sigmoid layer trains as an RBM before backprop (a deep belief net),
 * 0 = off. Shown only for a classifier whose first layers are Dense + sigmoid (pretrainLayers.ts).
 */
import { useAppStore } from '../store';
import { NumberField } from '../fields/NumberField';
import { pretrainableLayers } from '../../engine/rbm/pretrainLayers';
import { isRbmWork } from '../controllers/initArgs';

export const PRETRAIN_EPOCHS_MAX = 20;

export function PretrainSetting() {
  const layers = useAppStore((s) => (s.ganGraphs || isRbmWork(s) ? 0 : pretrainableLayers(s.graph).length));
  const epochs = useAppStore((s) => s.hyper.rbmPretrainEpochs ?? 0);
  const setHyper = useAppStore((s) => s.setHyper);
  if (layers === 0) return null;
  return (
    <NumberField
      layout="inline"
      label="RBM pretraining"
      value={epochs}
      rule={{ min: 0, max: PRETRAIN_EPOCHS_MAX, integer: true }}
      step={1}
      hint={
        `epochs per layer: the first ${layers === 1 ? 'Dense + sigmoid layer trains' : `${layers} Dense + sigmoid layers train`} ` +
        'one by one as RBMs on the images (no labels) before backprop; 0 = off; used when a new run starts'
      }
      onChange={(rbmPretrainEpochs) => setHyper({ rbmPretrainEpochs })}
    />
  );
}
