import type * as vscode from 'vscode';
import { diagnoseRunFiles } from '../../runtime/doctor';
import type { RunFolders } from '../runs/run-folders';

/** When a run ends, the training doctor's findings go to the Output channel in plain words (also in the panel). */
export async function logDiagnoses(runDir: string, runFolders: RunFolders, output: vscode.LogOutputChannel): Promise<void> {
  try {
    const [specText, rows, layerStats] = await Promise.all([
      runFolders.spec(runDir), runFolders.metrics(runDir), runFolders.layerStats(runDir)]);
    for (const diagnosis of diagnoseRunFiles(specText, rows, layerStats)) {
      const fix = diagnosis.fix ? ` Fix: ${diagnosis.fix.title} (button in the Training panel).` : '';
      const links = diagnosis.links?.map((l) => `${l.label}: ${l.url}`).join('; ');
      output.warn(`training doctor: ${diagnosis.title}. ${diagnosis.detail}${fix}${links ? ` See ${links}.` : ''}`);
    }
  } catch (error) {
    output.warn(`training doctor: could not read ${runDir}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
