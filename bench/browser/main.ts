/** Bench page entry: exposes the in-browser measurements; the app itself is not loaded. */
import { offlineRollup } from './offline-rollup';
import { pullApply } from './pull-apply';
import { writePath } from './write-path';

window.bench = { writePath, pullApply, offlineRollup };
