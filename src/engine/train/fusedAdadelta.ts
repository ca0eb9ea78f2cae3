/**
 * TF.js's Adadelta, with each variable's step in one kernel (backend/adadeltaWasm.ts) where the active backend has it
 * (WASM, once the app's kernels are registered); elsewhere TF.js's own step. Slots, names, serialisation and the
 * learning-rate field are TF.js's (a subclass), so checkpoints, setLearningRate and dispose treat it as Adadelta.
 */
import * as tf from '@tensorflow/tfjs';
import { ADADELTA_UPDATE } from '../backend/adadeltaWasm';

interface AdadeltaInternals {
  learningRate: number;
  rho: number;
  epsilon: number;
  accumulatedGrads: ({ originalName: string; variable: tf.Variable } | undefined)[];
  accumulatedUpdates: ({ originalName: string; variable: tf.Variable } | undefined)[];
  incrementIterations(): void;
}

type Gradients = Parameters<tf.AdadeltaOptimizer['applyGradients']>[0];

export class FusedAdadeltaOptimizer extends tf.AdadeltaOptimizer {
  override applyGradients(variableGradients: Gradients): void {
    if (tf.getKernel(ADADELTA_UPDATE, tf.getBackend()) === undefined) {
      super.applyGradients(variableGradients);
      return;
    }
    const self = this as unknown as AdadeltaInternals;
    const list = Array.isArray(variableGradients)
      ? variableGradients
      : Object.keys(variableGradients).map((name) => ({ name, tensor: variableGradients[name] }));
    const attrs = { rho: self.rho, epsilon: self.epsilon, learningRate: self.learningRate };
    // As TF.js: slots by position in the list, created on first use, named after the variable.
    list.forEach(({ name, tensor: grad }, i) => {
      const value = tf.engine().registeredVariables[name] as tf.Variable;
      const slot = (suffix: string) => ({
        originalName: `${name}/${suffix}`,
        variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
      });
      const accGrad = (self.accumulatedGrads[i] ??= slot('accum_grad')).variable;
      const accUpdate = (self.accumulatedUpdates[i] ??= slot('accum_var')).variable;
      if (grad == null) return;
      tf.tidy(() => {
        const [v, ag, au] = tf
          .engine()
          .runKernel(ADADELTA_UPDATE, { value, grad, accGrad, accUpdate }, attrs as never) as tf.Tensor[];
        accGrad.assign(ag!);
        accUpdate.assign(au!);
        value.assign(v!);
      });
    });
    self.incrementIterations();
  }
}
