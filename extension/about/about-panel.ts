import * as vscode from 'vscode';
import { Panel, type NoMethods } from '../webview/panel';
import type { PanelProtocol } from '../webview/webview-bridge';
import { isRecord } from '../util/guards';
import type { AboutFromView, AboutInfo, AboutToView } from '../../webviews/about/protocol';
import type { RuntimeInfo } from '../../runtime/protocol';

const aboutProtocol: PanelProtocol<AboutFromView, NoMethods, NoMethods> = {
  isMessage: (value): value is AboutFromView => isRecord(value) && (value['type'] === 'ready' || value['type'] === 'refresh'),
  handlers: {}, params: {}, results: {},
};

/**
 * `LayerLens: About`: the runtime's TensorFlow.js version, backend and device, in the active editor column (a new
 * column beside would squeeze an open Training panel).
 */
export class AboutPanel extends Panel<AboutToView, AboutFromView> {
  static readonly viewType = 'layerlens.about';
  private static current: AboutPanel | undefined;

  static createOrShow(extensionUri: vscode.Uri, loadInfo: () => Promise<RuntimeInfo>, extensionVersion: string): AboutPanel {
    if (AboutPanel.current && !AboutPanel.current.isDisposed) {
      AboutPanel.current.panel.reveal(vscode.ViewColumn.Active);
      return AboutPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(AboutPanel.viewType, 'LayerLens: About',
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, Panel.options(extensionUri));
    return AboutPanel.revive(panel, extensionUri, loadInfo, extensionVersion);
  }

  /** Used by `createOrShow` and by the serializer after a window reload. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, loadInfo: () => Promise<RuntimeInfo>,
    extensionVersion: string): AboutPanel {
    AboutPanel.current = new AboutPanel(panel, extensionUri, loadInfo, extensionVersion);
    return AboutPanel.current;
  }

  private constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri,
    private readonly loadInfo: () => Promise<RuntimeInfo>, private readonly extensionVersion: string) {
    super(panel, { extensionUri, panelName: 'about', protocol: aboutProtocol, log: (line) => console.warn(line) });
  }

  protected onReady(): void { void this.sendInfo(); }

  protected onMessage(message: AboutFromView): void {
    switch (message.type) {
      case 'ready': return;
      case 'refresh': void this.sendInfo(); return;
      default: {
        const unexpected: never = message;
        console.warn('about panel: unexpected message', unexpected);
      }
    }
  }

  private async sendInfo(): Promise<void> {
    try {
      const info = await this.loadInfo();
      const about: AboutInfo = {
        extensionVersion: this.extensionVersion, tfjsVersion: info.tfjsVersion, backend: info.backend,
        device: info.device, software: info.software, reasons: info.reasons, runtimePid: info.pid,
      };
      await this.post({ type: 'info', info: about });
    } catch (error) {
      await this.post({ type: 'error', message: `The runtime could not start: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
}
