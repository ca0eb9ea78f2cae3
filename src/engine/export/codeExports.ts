/**
 * The code exports behind "Export Keras", "Export PyTorch" and "Export notebook": the one module the app loads with a
 * dynamic import() when such a button is pressed, so the generators stay out of the page's first bundle.
 */
import { assertNever } from '../assertNever';
import type { ExportWork } from './exportWork';
import { kerasScript } from './kerasScript';
import { notebook } from './notebook';
import { torchScript } from './torchScript';

export type CodeExportKind = 'keras' | 'pytorch' | 'notebook';

export interface CodeFile {
  readonly name: string;
  readonly text: string;
  readonly type: string;
}

/** The file names the buttons download. */
export const CODE_FILE_NAMES: { readonly [K in CodeExportKind]: string } = {
  keras: 'model.py',
  pytorch: 'model_pytorch.py',
  notebook: 'model.ipynb',
};

export function codeExport(kind: CodeExportKind, work: ExportWork): CodeFile {
  const name = CODE_FILE_NAMES[kind];
  switch (kind) {
    case 'keras':
      return { name, text: kerasScript(work), type: 'text/x-python' };
    case 'pytorch':
      return { name, text: torchScript(work), type: 'text/x-python' };
    case 'notebook':
      return { name, text: notebook(work), type: 'application/x-ipynb+json' };
    default:
      return assertNever(kind);
  }
}
