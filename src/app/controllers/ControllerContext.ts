/** The training controller for components (created once in main.tsx); null in a bare render. */
import { createContext, useContext } from 'react';
import type { TrainingController } from './trainingController';

export const ControllerContext = createContext<TrainingController | null>(null);

export function useController(): TrainingController | null {
  return useContext(ControllerContext);
}
