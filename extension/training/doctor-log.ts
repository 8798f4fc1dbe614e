import type * as vscode from 'vscode';
import { diagnoseRunDir } from '../../runtime/doctor';

/** When a run ends, the training doctor's findings go to the Output channel in plain words (also in the panel). */
export function logDiagnoses(runDir: string, output: vscode.LogOutputChannel): void {
  let found;
  try {
    found = diagnoseRunDir(runDir);
  } catch (error) {
    output.warn(`training doctor: could not read ${runDir}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  for (const diagnosis of found) {
    const fix = diagnosis.fix ? ` Fix: ${diagnosis.fix.title} (button in the Training panel).` : '';
    const links = diagnosis.links?.map((l) => `${l.label}: ${l.url}`).join('; ');
    output.warn(`training doctor: ${diagnosis.title}. ${diagnosis.detail}${fix}${links ? ` See ${links}.` : ''}`);
  }
}
