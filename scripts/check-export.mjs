#!/usr/bin/env node
// npm run check:export (not in CI, not in npm test): runs the PyTorch export and the notebook of a few presets on a
// small local MNIST slice and checks shapes, parameter counts and that the loss falls (src/engine/exportCheck/).
// First it finds a Python that imports torch; when there is none it installs Debian's python3-torch,
// python3-torchvision and python3-nbformat with apt-get (this machine reaches no Python registry). Needs root then.
import { spawnSync } from 'node:child_process';

const CANDIDATES = [process.env.PLAYGROUND_PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean);
const PACKAGES = ['python3-torch', 'python3-torchvision', 'python3-nbformat'];

/** @param {string} python */
const hasTorch = (python) =>
  spawnSync(python, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0;

/** @param {string} cmd @param {string[]} args */
function run(cmd, args) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  }).status;
}

function findPython() {
  const found = CANDIDATES.find((p) => hasTorch(p));
  if (found) return found;
  if (process.getuid?.() !== 0) {
    console.error(`check:export: no Python with torch; install ${PACKAGES.join(' ')} (apt-get, as root).`);
    process.exit(1);
  }
  console.log('check:export: no Python with torch here: installing it from Debian');
  if (run('apt-get', ['install', '-y', '--no-install-recommends', ...PACKAGES]) !== 0) {
    run('apt-get', ['update']);
    if (run('apt-get', ['install', '-y', '--no-install-recommends', ...PACKAGES]) !== 0) {
      console.error('check:export: apt-get install failed');
      process.exit(1);
    }
  }
  if (!hasTorch('/usr/bin/python3')) {
    console.error('check:export: /usr/bin/python3 still cannot import torch');
    process.exit(1);
  }
  return '/usr/bin/python3';
}

const python = findPython();
const version = spawnSync(
  python,
  ['-c', 'import torch, sys; print(sys.version.split()[0], torch.__version__)'],
  {
    encoding: 'utf8',
  },
).stdout.trim();
console.log(`check:export: ${python} (Python, torch: ${version})`);
const r = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.export.config.ts'], {
  stdio: 'inherit',
  env: { ...process.env, PLAYGROUND_PYTHON: python },
});
process.exit(r.status ?? 1);
