/** The RBM settings in the training bar, only for an RBM preset; their code loads with the first RBM preset chosen. */
import { lazy, Suspense } from 'react';
import { useAppStore } from '../store';
import { isRbmWork } from '../controllers/initArgs';

const Settings = lazy(() => import('./RbmSettings').then((m) => ({ default: m.RbmSettings })));

export function RbmSettingsSlot() {
  const rbm = useAppStore((s) => isRbmWork(s));
  if (!rbm) return null;
  return (
    <Suspense fallback={null}>
      <Settings />
    </Suspense>
  );
}
